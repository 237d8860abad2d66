using PledgeBot.Storage;
using PledgeBot.Tests.Support;
using static PledgeBot.Tests.Support.PledgeStores;

namespace PledgeBot.Tests.Storage;

/// <summary>
/// What the admin exports read, on every database: the campaign's pledges in the order they came,
/// decrypted, with their vote, consent and referral; withdrawn ones marked, erased and retained
/// ones gone; votes only as counts per day, cause and channel.
/// </summary>
public abstract class ExportStoreTests : IAsyncLifetime
{
    private PledgeStores stores = null!;

    protected abstract Task<DatabaseUnderTest> CreateDatabaseAsync();

    private IExportStore Exports => stores.Database.ExportStore(stores.Protector);

    public async Task InitializeAsync() => stores = new PledgeStores(await CreateDatabaseAsync());

    public async Task DisposeAsync() => await stores.DisposeAsync();

    /// <summary>A signature given <paramref name="minutes"/> after 08:00 on the fake clock's day.</summary>
    private static PledgeSignature SignedAt(string who, int minutes) =>
        Signature(who) with { FirstName = $"{who} name", Consent = Signature(who).Consent with { At = new DateTimeOffset(2026, 11, 26, 8, minutes, 0, TimeSpan.Zero) } };

    [StoreFact]
    public async Task PledgesComeInTheOrderTheyCameDecryptedWithTheirVoteConsentAndReferral()
    {
        await stores.Pledges.TakePledgeAsync(SignedAt("anna", 1));
        await stores.Pledges.TakePledgeAsync(SignedAt("ben", 2) with { PledgeId = "another-pledge" });
        await stores.Pledges.TakePledgeAsync(SignedAt("carla", 3));
        await stores.Pledges.TakePledgeAsync(SignedAt("dan", 4) with { CampaignId = "another-campaign" });
        await stores.Database.VoteStore(stores.Clock).RecordVoteAsync(new VoteRequest(CampaignId, "person-key-anna", "cause-a", "vote-of-anna", "test"));
        var referrals = stores.Database.ReferralStore(stores.Clock);
        await referrals.RecordIssuedCodeAsync(CampaignId, "code-of-anna");
        await referrals.RecordConversionAsync(CampaignId, "code-of-anna", "cause-a", ReferralConversion.Pledge, "person-key-carla");
        await ConfirmAsync("carla");

        var rows = await ReadPledgesAsync();

        Assert.Equal(
            [
                new PledgeExportRow(PledgeId, "anna name", "anna@example.org", "cause-a", At(1), 1, null, "test", null, "en-GB", null, "en"),
                new PledgeExportRow("another-pledge", "ben name", "ben@example.org", null, At(2), 1, null, "test", null, "en-GB", null, "en"),
                new PledgeExportRow(PledgeId, "carla name", "carla@example.org", null, At(3), 1, stores.Clock.GetUtcNow(), "test", "code-of-anna", "en-GB", null, "en"),
            ],
            rows);
    }

    [StoreFact]
    public async Task AWithdrawnPledgeIsExportedWithItsTimeWhileErasedAndRetainedOnesAreNot()
    {
        await stores.Pledges.TakePledgeAsync(SignedAt("anna", 1));
        await stores.Pledges.TakePledgeAsync(SignedAt("ben", 2));
        await stores.PersonalData.WithdrawContactAsync(CampaignId, "person-key-anna", "test", stores.Clock.GetUtcNow());
        await stores.PersonalData.ForgetPersonAsync("person-key-ben", "test");

        var withdrawn = Assert.Single(await ReadPledgesAsync());
        Assert.Equal(("anna@example.org", stores.Clock.GetUtcNow()), (withdrawn.Email, withdrawn.ContactWithdrawnAt));

        await stores.Database.RetentionStore(stores.Clock).ApplyAsync(CampaignId);
        Assert.Empty(await ReadPledgesAsync());
    }

    [StoreFact]
    public async Task ANameOrEmailThatCannotBeDecryptedIsExportedEmpty()
    {
        await stores.Pledges.TakePledgeAsync(SignedAt("anna", 1));
        using var otherKeys = new TempFolder();

        var rows = new List<PledgeExportRow>();
        await foreach (var row in stores.Database.ExportStore(TestEncryption.ProtectorFor(otherKeys.Path)).ReadPledgesAsync(CampaignId))
        {
            rows.Add(row);
        }

        var anna = Assert.Single(rows);
        Assert.Equal((PledgeId, (string?)null, (string?)null, At(1)), (anna.PledgeId, anna.FirstName, anna.Email, anna.ConsentedAt));
    }

    [StoreFact]
    public async Task VotesAreCountedPerUtcDayCauseAndChannel()
    {
        var votes = stores.Database.VoteStore(stores.Clock);
        await votes.RecordVoteAsync(new VoteRequest(CampaignId, "anna", "cause-b", "vote-1", "msteams"));
        await votes.RecordVoteAsync(new VoteRequest(CampaignId, "ben", "cause-b", "vote-2", "msteams"));
        await votes.RecordVoteAsync(new VoteRequest(CampaignId, "carla", "cause-a", "vote-3", "directline"));
        await votes.RecordVoteAsync(new VoteRequest("another-campaign", "dan", "cause-a", "vote-4", "directline"));
        stores.Clock.Advance(TimeSpan.FromHours(15));
        await votes.RecordVoteAsync(new VoteRequest(CampaignId, "erin", "cause-a", "vote-5", "msteams"));
        // A changed vote counts on the day of its change.
        await votes.RecordVoteAsync(new VoteRequest(CampaignId, "ben", "cause-a", "vote-6", "msteams"));

        var counts = new List<VoteCount>();
        await foreach (var count in Exports.ReadVoteCountsAsync(CampaignId))
        {
            counts.Add(count);
        }

        Assert.Equal(
            [
                new VoteCount(new DateOnly(2026, 11, 26), "cause-a", "directline", 1),
                new VoteCount(new DateOnly(2026, 11, 26), "cause-b", "msteams", 1),
                new VoteCount(new DateOnly(2026, 11, 27), "cause-a", "msteams", 2),
            ],
            counts);
    }

    private static DateTimeOffset At(int minutes) => new(2026, 11, 26, 8, minutes, 0, TimeSpan.Zero);

    private async Task<List<PledgeExportRow>> ReadPledgesAsync()
    {
        var rows = new List<PledgeExportRow>();
        await foreach (var row in Exports.ReadPledgesAsync(CampaignId))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Sends <paramref name="who"/>'s confirmation email (as the sender marks it) and opens its link.</summary>
    private async Task ConfirmAsync(string who)
    {
        var email = (await stores.Emails.ClaimDueAsync(stores.Clock.GetUtcNow(), 10)).Single(e => e.Email == $"{who}@example.org");
        await stores.Emails.MarkSentAsync(email.TokenId, stores.Clock.GetUtcNow(), stores.Clock.GetUtcNow().AddDays(7));
        Assert.Equal(ConfirmationOutcome.Confirmed, await stores.Emails.ConfirmAsync(email.TokenId, stores.Clock.GetUtcNow()));
    }
}
