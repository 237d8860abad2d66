using PledgeBot.Storage;
using PledgeBot.Storage.Sqlite;
using PledgeBot.Tests.Support;
using static PledgeBot.Tests.Support.PledgeStoresOnFile;

namespace PledgeBot.Tests.Storage;

/// <summary>The confirmation email queue on a real SQLite file: what a pledge queues, and when it queues nothing.</summary>
public sealed class SqliteConfirmationEmailStoreTests : IDisposable
{
    private readonly PledgeStoresOnFile stores = new();

    public void Dispose() => stores.Dispose();

    [Fact]
    public async Task ANewPledgeQueuesOneEmailThatHoldsNoNameOrAddress()
    {
        await stores.Pledges.TakePledgeAsync(Signature("anna"));

        var due = Assert.Single(await stores.Emails.ReadDueAsync(stores.Clock.GetUtcNow(), 10));
        Assert.Equal(("anna", "anna@example.org", PledgeId), (due.FirstName, due.Email, due.PledgeId));
        Assert.Equal(0, await RowsAsync("SELECT count(*) FROM confirmation_emails WHERE token_id LIKE '%anna%' OR pledge_record_id LIKE '%anna%'"));
    }

    [Fact]
    public async Task APledgeWithoutDoubleOptInQueuesNothing()
    {
        await stores.Pledges.TakePledgeAsync(Signature("anna") with { ConfirmEmail = false });

        Assert.Empty(await stores.Emails.ReadDueAsync(stores.Clock.GetUtcNow(), 10));
    }

    [Fact]
    public async Task SigningAgainUnconfirmedQueuesAFreshEmailAtMostEveryFifteenMinutesAndFiveInAll()
    {
        await stores.Pledges.TakePledgeAsync(Signature("anna"));
        await stores.Pledges.TakePledgeAsync(Signature("anna"));
        Assert.Equal(1, await RowsAsync("SELECT count(*) FROM confirmation_emails"));

        for (var i = 0; i < 10; i++)
        {
            stores.Clock.Advance(SqliteConfirmationEmailStore.ResendInterval);
            await stores.Pledges.TakePledgeAsync(Signature("anna"));
        }

        Assert.Equal(SqliteConfirmationEmailStore.MaxEmailsPerPledge, await RowsAsync("SELECT count(*) FROM confirmation_emails"));
        Assert.Equal(1, await stores.Pledges.CountAsync(CampaignId, PledgeId));
    }

    [Fact]
    public async Task AConfirmedPledgeSignedAgainQueuesNothingAndItsOtherUnsentEmailsGo()
    {
        await stores.Pledges.TakePledgeAsync(Signature("anna"));
        stores.Clock.Advance(TimeSpan.FromHours(1));
        await stores.Pledges.TakePledgeAsync(Signature("anna"));
        var first = (await stores.Emails.ReadDueAsync(stores.Clock.GetUtcNow(), 10))[0];
        await stores.Emails.MarkSentAsync(first.TokenId, stores.Clock.GetUtcNow(), stores.Clock.GetUtcNow().AddDays(7));

        Assert.Equal(ConfirmationOutcome.Confirmed, await stores.Emails.ConfirmAsync(first.TokenId, stores.Clock.GetUtcNow()));
        Assert.Equal(ConfirmationOutcome.AlreadyConfirmed, await stores.Emails.ConfirmAsync(first.TokenId, stores.Clock.GetUtcNow()));
        stores.Clock.Advance(TimeSpan.FromHours(1));
        var receipt = await stores.Pledges.TakePledgeAsync(Signature("anna"));

        Assert.True(receipt.Confirmed);
        Assert.Empty(await stores.Emails.ReadDueAsync(stores.Clock.GetUtcNow(), 10));
        Assert.Equal(1, await RowsAsync("SELECT count(*) FROM confirmation_emails"));
        Assert.Equal(new PledgeCounts(1, 1), await stores.Pledges.GetCountsAsync(CampaignId, PledgeId));
    }

    [Fact]
    public async Task StopDropsTheUnsentEmailAndLaterSignaturesQueueNone()
    {
        await stores.Pledges.TakePledgeAsync(Signature("anna"));

        await stores.PersonalData.WithdrawContactAsync(CampaignId, "person-key-anna", "test", stores.Clock.GetUtcNow());
        stores.Clock.Advance(TimeSpan.FromDays(1));
        await stores.Pledges.TakePledgeAsync(Signature("anna"));

        Assert.Equal(0, await RowsAsync("SELECT count(*) FROM confirmation_emails"));
    }

    [Fact]
    public async Task AFailedAttemptWaitsForItsRetryAndTheLastOneGivesUp()
    {
        await stores.Pledges.TakePledgeAsync(Signature("anna"));
        var due = Assert.Single(await stores.Emails.ReadDueAsync(stores.Clock.GetUtcNow(), 10));

        await stores.Emails.MarkFailedAsync(due.TokenId, "SocketException", stores.Clock.GetUtcNow(), stores.Clock.GetUtcNow().AddMinutes(1));
        Assert.Empty(await stores.Emails.ReadDueAsync(stores.Clock.GetUtcNow(), 10));
        Assert.Equal(stores.Clock.GetUtcNow().AddMinutes(1), await stores.Emails.NextDueAtAsync());
        stores.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, Assert.Single(await stores.Emails.ReadDueAsync(stores.Clock.GetUtcNow(), 10)).Attempts);

        await stores.Emails.MarkFailedAsync(due.TokenId, "SocketException", stores.Clock.GetUtcNow(), nextAttemptAt: null);
        stores.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Empty(await stores.Emails.ReadDueAsync(stores.Clock.GetUtcNow(), 10));
        Assert.Null(await stores.Emails.NextDueAtAsync());
    }

    [Fact]
    public async Task TheSendersMarksAndTheConfirmationAreWrittenByTheDatabasesOneWriter()
    {
        // A write on a connection of its own takes SQLite's write lock from under the group-commit
        // writer, which then waits out SQLite's busy back-off with every turn's write behind it:
        // measured as a p99 of 165 ms on the pledge's first and last turns while emails were sent.
        await stores.Pledges.TakePledgeAsync(Signature("anna"));
        var link = (await stores.Emails.ReadDueAsync(stores.Clock.GetUtcNow(), 10))[0];
        var commitsBefore = stores.Temp.Database.WriterCommits;

        await stores.Emails.MarkFailedAsync(link.TokenId, "SmtpCommandException", stores.Clock.GetUtcNow(), stores.Clock.GetUtcNow());
        await stores.Emails.MarkSentAsync(link.TokenId, stores.Clock.GetUtcNow(), stores.Clock.GetUtcNow().AddDays(7));
        await stores.Emails.ConfirmAsync(link.TokenId, stores.Clock.GetUtcNow());

        Assert.Equal(3, stores.Temp.Database.WriterCommits - commitsBefore);
        Assert.Equal(1, await RowsAsync("SELECT count(*) FROM pledges WHERE confirmed_at IS NOT NULL"));
    }

    private async Task<long> RowsAsync(string sql)
    {
        await using var connection = await stores.Temp.Database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
