using PledgeBot.Storage;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Rights;

/// <summary>
/// What an erasure removes in the database, and what it leaves (counters and an audit line that
/// name nobody), on every database: each derived class runs these on one.
/// </summary>
public abstract class ErasureStoreTests : IAsyncLifetime
{
    private const string Campaign = PledgeStores.CampaignId;
    private const string Code = "abcdefghjk";
    private PledgeStores stores = null!;

    protected abstract Task<DatabaseUnderTest> CreateDatabaseAsync();

    protected PledgeStores Stores => stores;

    public async Task InitializeAsync() => stores = new PledgeStores(await CreateDatabaseAsync());

    public async Task DisposeAsync() => await stores.DisposeAsync();

    [StoreFact]
    public async Task ForgettingAPersonRemovesWhichShareLinkBroughtThemAndKeepsTheLinksCounts()
    {
        // As the referral store writes them: the link's counters, and the conversion that names the person.
        await ExecuteAsync($"""
            INSERT INTO referral_counts (campaign_id, referral_code, cause_id, visits, votes, pledges, updated_on)
            VALUES ('{Campaign}', '{Code}', 'yemen-crisis', 0, 1, 0, '2026-11-26');
            INSERT INTO referral_conversions (campaign_id, referral_code, person_key, kind) VALUES ('{Campaign}', '{Code}', 'person-anna', 'vote');
            INSERT INTO funnel_steps (campaign_id, step, person_key) VALUES ('{Campaign}', 'voted', 'person-anna');
            """);

        await stores.PersonalData.ForgetPersonAsync("person-anna", "conversation");

        Assert.Equal(0, await stores.Database.CountAsync("SELECT count(*) FROM referral_conversions"));
        Assert.Equal(0, await stores.Database.CountAsync("SELECT count(*) FROM funnel_steps"));
        Assert.Equal(1, await stores.Database.CountAsync("SELECT votes FROM referral_counts"));
    }

    [StoreFact]
    public async Task ForgettingAnEmailErasesItsPledgesInEveryChatAndTheVotesOfThoseWhoSignedWithIt()
    {
        var votes = stores.Database.VoteStore(stores.Clock);
        await votes.RecordVoteAsync(new VoteRequest(Campaign, "anna-in-teams", "yemen-crisis", "r1"));
        await votes.RecordVoteAsync(new VoteRequest(Campaign, "ben-in-teams", "yemen-crisis", "r2"));
        await stores.Pledges.TakePledgeAsync(Signature("anna-in-teams", "email-key-anna", "first-pledge"));
        await stores.Pledges.TakePledgeAsync(Signature("anna-on-the-web", "email-key-anna", "second-pledge"));
        await stores.Pledges.TakePledgeAsync(Signature("ben-in-teams", "email-key-ben", "first-pledge"));

        var erased = await stores.PersonalData.ForgetEmailAsync("email-key-anna", "command");

        Assert.Equal(new ErasureResult(Votes: 1, Pledges: 2, ConsentRecords: 2), erased);
        Assert.Equal(1, (await votes.GetTallyAsync(Campaign)).Total);
        Assert.Equal(1, await stores.Pledges.CountAsync(Campaign, "first-pledge"));
        Assert.Equal(0, await stores.Pledges.CountAsync(Campaign, "second-pledge"));
        Assert.Equal(0, await stores.Database.CountAsync("SELECT count(*) FROM confirmation_emails e JOIN pledges p ON p.record_id = e.pledge_record_id WHERE p.email_key = 'email-key-anna'"));
        Assert.Equal(1, await stores.Database.CountAsync("SELECT count(*) FROM erasures WHERE source = 'command' AND votes = 1 AND pledges = 2 AND consent_records = 2"));
    }

    [StoreFact]
    public async Task ForgettingAPersonAlsoErasesTheSameEmailsPledgeFromAnotherChatAndItsQueuedEmail()
    {
        await stores.Pledges.TakePledgeAsync(Signature("anna-in-teams", "email-key-anna", "first-pledge"));
        await stores.Pledges.TakePledgeAsync(Signature("anna-on-the-web", "email-key-anna", "second-pledge"));
        await stores.Pledges.TakePledgeAsync(Signature("ben-in-teams", "email-key-ben", "first-pledge"));

        var erased = await stores.PersonalData.ForgetPersonAsync("anna-in-teams", "conversation");

        Assert.Equal(new ErasureResult(Votes: 0, Pledges: 2, ConsentRecords: 2), erased);
        Assert.Equal(1, await stores.Database.CountAsync("SELECT count(*) FROM pledges"));
        Assert.Equal(1, await stores.Database.CountAsync("SELECT count(*) FROM confirmation_emails"));
        Assert.True((await stores.PersonalData.FindAsync(Campaign, "anna-on-the-web")).IsEmpty);
    }

    [StoreFact]
    public async Task MyDataShowsTheVoteAndEachPledgeWithItsConsentConfirmationAndStop()
    {
        var votes = stores.Database.VoteStore(stores.Clock);
        await votes.RecordVoteAsync(new VoteRequest(Campaign, "anna", "yemen-crisis", "r1"));
        await stores.Pledges.TakePledgeAsync(Signature("anna", "email-key-anna", "first-pledge"));
        var link = Assert.Single(await stores.Emails.ClaimDueAsync(stores.Clock.GetUtcNow(), 10));
        await stores.Emails.ConfirmAsync(link.TokenId, stores.Clock.GetUtcNow());
        stores.Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(1, await stores.PersonalData.WithdrawContactAsync(Campaign, "anna", "test", stores.Clock.GetUtcNow()));
        Assert.Equal(0, await stores.PersonalData.WithdrawContactAsync(Campaign, "anna", "test", stores.Clock.GetUtcNow()));

        var report = await stores.PersonalData.FindAsync(Campaign, "anna");
        Assert.Equal(new StoredVote("yemen-crisis", stores.Clock.GetUtcNow().AddMinutes(-1)), report.Vote);
        Assert.Equal(
            new StoredPledge("first-pledge", "Anna", "anna@example.org", SignedAt, 1, stores.Clock.GetUtcNow().AddMinutes(-1), stores.Clock.GetUtcNow(), "fr"),
            Assert.Single(report.Pledges));
        Assert.Equal(1, await stores.Database.CountAsync(
            "SELECT count(*) FROM consent_records WHERE answer = 'withdrawn' AND statement_language = 'fr' AND statement_version = 1 AND channel = 'test'"));
    }

    [StoreFact]
    public async Task AnErasureOfSomeoneUnknownErasesNothingAndSaysSo()
    {
        var erased = await stores.PersonalData.ForgetEmailAsync("email-key-nobody", "command");

        Assert.True(erased.NothingFound);
        Assert.True((await stores.PersonalData.FindAsync(Campaign, "nobody")).IsEmpty);
    }

    private static readonly DateTimeOffset SignedAt = new(2026, 11, 26, 8, 55, 0, TimeSpan.Zero);

    protected static PledgeSignature Signature(string person, string emailKey, string pledge) => new(
        Campaign, pledge, emailKey, person, "Anna", "anna@example.org",
        new ConsentGiven(new ConsentStatement("fr", 1, "statement-hash"), "fr-FR", "test", SignedAt), ConfirmEmail: true);

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await stores.Database.OpenRawConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
