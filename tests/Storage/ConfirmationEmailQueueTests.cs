using PledgeBot.Storage;
using PledgeBot.Tests.Support;
using static PledgeBot.Tests.Support.PledgeStores;

namespace PledgeBot.Tests.Storage;

/// <summary>The confirmation email queue on every database: what a pledge queues, when it queues nothing, and how a sender claims what it sends.</summary>
public abstract class ConfirmationEmailQueueTests : IAsyncLifetime
{
    private PledgeStores stores = null!;

    protected abstract Task<DatabaseUnderTest> CreateDatabaseAsync();

    protected PledgeStores Stores => stores;

    public async Task InitializeAsync() => stores = new PledgeStores(await CreateDatabaseAsync());

    public async Task DisposeAsync() => await stores.DisposeAsync();

    [StoreFact]
    public async Task ANewPledgeQueuesOneEmailThatHoldsNoNameOrAddress()
    {
        await stores.Pledges.TakePledgeAsync(Signature("anna"));

        var due = Assert.Single(await stores.Emails.ClaimDueAsync(stores.Clock.GetUtcNow(), 10));
        Assert.Equal(("anna", "anna@example.org", PledgeId), (due.FirstName, due.Email, due.PledgeId));
        Assert.Equal(0, await RowsAsync("SELECT count(*) FROM confirmation_emails WHERE token_id LIKE '%anna%' OR pledge_record_id LIKE '%anna%'"));
    }

    [StoreFact]
    public async Task APledgeWithoutDoubleOptInQueuesNothing()
    {
        await stores.Pledges.TakePledgeAsync(Signature("anna") with { ConfirmEmail = false });

        Assert.Empty(await stores.Emails.ClaimDueAsync(stores.Clock.GetUtcNow(), 10));
    }

    [StoreFact]
    public async Task SigningAgainUnconfirmedQueuesAFreshEmailAtMostEveryFifteenMinutesAndFiveInAll()
    {
        await stores.Pledges.TakePledgeAsync(Signature("anna"));
        await stores.Pledges.TakePledgeAsync(Signature("anna"));
        Assert.Equal(1, await RowsAsync("SELECT count(*) FROM confirmation_emails"));

        for (var i = 0; i < 10; i++)
        {
            stores.Clock.Advance(ConfirmationEmailRules.ResendInterval);
            await stores.Pledges.TakePledgeAsync(Signature("anna"));
        }

        Assert.Equal(ConfirmationEmailRules.MaxEmailsPerPledge, await RowsAsync("SELECT count(*) FROM confirmation_emails"));
        Assert.Equal(1, await stores.Pledges.CountAsync(CampaignId, PledgeId));
    }

    [StoreFact]
    public async Task AConfirmedPledgeSignedAgainQueuesNothingAndItsOtherUnsentEmailsGo()
    {
        await stores.Pledges.TakePledgeAsync(Signature("anna"));
        stores.Clock.Advance(TimeSpan.FromHours(1));
        await stores.Pledges.TakePledgeAsync(Signature("anna"));
        var first = (await stores.Emails.ClaimDueAsync(stores.Clock.GetUtcNow(), 10))[0];
        await stores.Emails.MarkSentAsync(first.TokenId, stores.Clock.GetUtcNow(), stores.Clock.GetUtcNow().AddDays(7));

        Assert.Equal(ConfirmationOutcome.Confirmed, await stores.Emails.ConfirmAsync(first.TokenId, stores.Clock.GetUtcNow()));
        Assert.Equal(ConfirmationOutcome.AlreadyConfirmed, await stores.Emails.ConfirmAsync(first.TokenId, stores.Clock.GetUtcNow()));
        Assert.Equal(ConfirmationOutcome.AlreadyConfirmed, await stores.Emails.FindAsync(first.TokenId));
        stores.Clock.Advance(TimeSpan.FromHours(1));
        var receipt = await stores.Pledges.TakePledgeAsync(Signature("anna"));

        Assert.True(receipt.Confirmed);
        Assert.Empty(await stores.Emails.ClaimDueAsync(stores.Clock.GetUtcNow() + ConfirmationEmailRules.ClaimLease, 10));
        Assert.Equal(1, await RowsAsync("SELECT count(*) FROM confirmation_emails"));
        Assert.Equal(new PledgeCounts(1, 1), await stores.Pledges.GetCountsAsync(CampaignId, PledgeId));
    }

    [StoreFact]
    public async Task AnErasedPledgesLinkFindsNothingStored()
    {
        await stores.Pledges.TakePledgeAsync(Signature("anna"));
        var link = Assert.Single(await stores.Emails.ClaimDueAsync(stores.Clock.GetUtcNow(), 10));
        Assert.Null(await stores.Emails.FindAsync(link.TokenId));

        await stores.PersonalData.ForgetPersonAsync("person-key-anna", "test");

        Assert.Equal(ConfirmationOutcome.NothingStored, await stores.Emails.FindAsync(link.TokenId));
        Assert.Equal(ConfirmationOutcome.NothingStored, await stores.Emails.ConfirmAsync(link.TokenId, stores.Clock.GetUtcNow()));
    }

    [StoreFact]
    public async Task StopDropsTheUnsentEmailAndLaterSignaturesQueueNone()
    {
        await stores.Pledges.TakePledgeAsync(Signature("anna"));

        await stores.PersonalData.WithdrawContactAsync(CampaignId, "person-key-anna", "test", stores.Clock.GetUtcNow());
        stores.Clock.Advance(TimeSpan.FromDays(1));
        await stores.Pledges.TakePledgeAsync(Signature("anna"));

        Assert.Equal(0, await RowsAsync("SELECT count(*) FROM confirmation_emails"));
    }

    [StoreFact]
    public async Task AFailedAttemptWaitsForItsRetryAndTheLastOneGivesUp()
    {
        await stores.Pledges.TakePledgeAsync(Signature("anna"));
        var due = Assert.Single(await stores.Emails.ClaimDueAsync(stores.Clock.GetUtcNow(), 10));

        await stores.Emails.MarkFailedAsync(due.TokenId, "SocketException", stores.Clock.GetUtcNow(), stores.Clock.GetUtcNow().AddMinutes(1));
        Assert.Empty(await stores.Emails.ClaimDueAsync(stores.Clock.GetUtcNow(), 10));
        Assert.Equal(stores.Clock.GetUtcNow().AddMinutes(1), await stores.Emails.NextDueAtAsync());
        stores.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, Assert.Single(await stores.Emails.ClaimDueAsync(stores.Clock.GetUtcNow(), 10)).Attempts);

        await stores.Emails.MarkFailedAsync(due.TokenId, "SocketException", stores.Clock.GetUtcNow(), nextAttemptAt: null);
        stores.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Empty(await stores.Emails.ClaimDueAsync(stores.Clock.GetUtcNow(), 10));
        Assert.Null(await stores.Emails.NextDueAtAsync());
    }

    [StoreFact]
    public async Task AClaimedEmailIsNotDueAgainUnlessItsSenderSaysNothingForTheWholeLease()
    {
        await stores.Pledges.TakePledgeAsync(Signature("anna"));
        var claimed = Assert.Single(await stores.Emails.ClaimDueAsync(stores.Clock.GetUtcNow(), 10));

        Assert.Empty(await stores.Emails.ClaimDueAsync(stores.Clock.GetUtcNow(), 10));
        stores.Clock.Advance(ConfirmationEmailRules.ClaimLease - TimeSpan.FromSeconds(1));
        Assert.Empty(await stores.Emails.ClaimDueAsync(stores.Clock.GetUtcNow(), 10));

        // The sender stopped before saying how its attempt went: the email is due again, for anyone.
        stores.Clock.Advance(TimeSpan.FromSeconds(1));
        var again = Assert.Single(await stores.Emails.ClaimDueAsync(stores.Clock.GetUtcNow(), 10));
        Assert.Equal((claimed.TokenId, 0), (again.TokenId, again.Attempts));
    }

    [StoreFact]
    public async Task AnEmailWhoseKeysAreGoneIsGivenUpRatherThanClaimed()
    {
        await stores.Pledges.TakePledgeAsync(Signature("anna"));
        using var otherKeys = new TempFolder();
        var withOtherKeys = stores.Database.ConfirmationEmailQueue(TestEncryption.ProtectorFor(otherKeys.Path));

        Assert.Empty(await withOtherKeys.ClaimDueAsync(stores.Clock.GetUtcNow(), 10));

        Assert.Null(await stores.Emails.NextDueAtAsync());
        Assert.Equal(1, await RowsAsync("SELECT count(*) FROM confirmation_emails WHERE given_up_at IS NOT NULL AND last_error = 'unreadable'"));
    }

    [StoreFact]
    public async Task TheSendersMarksAndTheConfirmationAreWrittenByTheDatabasesOneWriter()
    {
        // A write on a connection of its own takes SQLite's write lock from under the group-commit
        // writer, which then waits out SQLite's busy back-off with every turn's write behind it:
        // measured as a p99 of 165 ms on the pledge's first and last turns while emails were sent.
        await stores.Pledges.TakePledgeAsync(Signature("anna"));
        var link = (await stores.Emails.ClaimDueAsync(stores.Clock.GetUtcNow(), 10))[0];
        var commitsBefore = stores.Database.WriterCommits;

        await stores.Emails.MarkFailedAsync(link.TokenId, "SmtpCommandException", stores.Clock.GetUtcNow(), stores.Clock.GetUtcNow());
        await stores.Emails.MarkSentAsync(link.TokenId, stores.Clock.GetUtcNow(), stores.Clock.GetUtcNow().AddDays(7));
        await stores.Emails.ConfirmAsync(link.TokenId, stores.Clock.GetUtcNow());

        Assert.Equal(3, stores.Database.WriterCommits - commitsBefore);
        Assert.Equal(1, await RowsAsync("SELECT count(*) FROM pledges WHERE confirmed_at IS NOT NULL"));
    }

    private Task<long> RowsAsync(string sql) => stores.Database.CountAsync(sql);
}
