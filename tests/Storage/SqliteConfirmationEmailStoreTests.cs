using Microsoft.Extensions.Time.Testing;
using PledgeBot.Storage;
using PledgeBot.Storage.Sqlite;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Storage;

/// <summary>The confirmation email queue on a real SQLite file: what a pledge queues, and when it queues nothing.</summary>
public sealed class SqliteConfirmationEmailStoreTests : IDisposable
{
    private const string Campaign = "stand-with-them";
    private const string Pledge = "not-on-my-screen";
    private readonly TempDatabase temp = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
    private readonly SqlitePledgeStore pledges;
    private readonly SqliteConfirmationEmailStore emails;
    private readonly SqlitePersonalDataStore personalData;

    public SqliteConfirmationEmailStoreTests()
    {
        var protector = TestEncryption.ProtectorFor(temp.Folder);
        pledges = new SqlitePledgeStore(temp.Database, protector, clock);
        emails = new SqliteConfirmationEmailStore(temp.Database, protector);
        personalData = new SqlitePersonalDataStore(temp.Database, protector, clock, []);
    }

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task ANewPledgeQueuesOneEmailThatHoldsNoNameOrAddress()
    {
        await pledges.TakePledgeAsync(Signature("anna"));

        var due = Assert.Single(await emails.ReadDueAsync(clock.GetUtcNow(), 10));
        Assert.Equal(("anna", "anna@example.org", Pledge), (due.FirstName, due.Email, due.PledgeId));
        Assert.Equal(0, await RowsAsync("SELECT count(*) FROM confirmation_emails WHERE token_id LIKE '%anna%' OR pledge_record_id LIKE '%anna%'"));
    }

    [Fact]
    public async Task APledgeWithoutDoubleOptInQueuesNothing()
    {
        await pledges.TakePledgeAsync(Signature("anna") with { ConfirmEmail = false });

        Assert.Empty(await emails.ReadDueAsync(clock.GetUtcNow(), 10));
    }

    [Fact]
    public async Task SigningAgainUnconfirmedQueuesAFreshEmailAtMostEveryFifteenMinutesAndFiveInAll()
    {
        await pledges.TakePledgeAsync(Signature("anna"));
        await pledges.TakePledgeAsync(Signature("anna"));
        Assert.Equal(1, await RowsAsync("SELECT count(*) FROM confirmation_emails"));

        for (var i = 0; i < 10; i++)
        {
            clock.Advance(SqliteConfirmationEmailStore.ResendInterval);
            await pledges.TakePledgeAsync(Signature("anna"));
        }

        Assert.Equal(SqliteConfirmationEmailStore.MaxEmailsPerPledge, await RowsAsync("SELECT count(*) FROM confirmation_emails"));
        Assert.Equal(1, await pledges.CountAsync(Campaign, Pledge));
    }

    [Fact]
    public async Task AConfirmedPledgeSignedAgainQueuesNothingAndItsOtherUnsentEmailsGo()
    {
        await pledges.TakePledgeAsync(Signature("anna"));
        clock.Advance(TimeSpan.FromHours(1));
        await pledges.TakePledgeAsync(Signature("anna"));
        var first = (await emails.ReadDueAsync(clock.GetUtcNow(), 10))[0];
        await emails.MarkSentAsync(first.TokenId, clock.GetUtcNow(), clock.GetUtcNow().AddDays(7));

        Assert.Equal(ConfirmationOutcome.Confirmed, await emails.ConfirmAsync(first.TokenId, clock.GetUtcNow()));
        Assert.Equal(ConfirmationOutcome.AlreadyConfirmed, await emails.ConfirmAsync(first.TokenId, clock.GetUtcNow()));
        clock.Advance(TimeSpan.FromHours(1));
        var receipt = await pledges.TakePledgeAsync(Signature("anna"));

        Assert.True(receipt.Confirmed);
        Assert.Empty(await emails.ReadDueAsync(clock.GetUtcNow(), 10));
        Assert.Equal(1, await RowsAsync("SELECT count(*) FROM confirmation_emails"));
        Assert.Equal(new PledgeCounts(1, 1), await pledges.GetCountsAsync(Campaign, Pledge));
    }

    [Fact]
    public async Task StopDropsTheUnsentEmailAndLaterSignaturesQueueNone()
    {
        await pledges.TakePledgeAsync(Signature("anna"));

        await personalData.WithdrawContactAsync(Campaign, "person-key-anna", "test", clock.GetUtcNow());
        clock.Advance(TimeSpan.FromDays(1));
        await pledges.TakePledgeAsync(Signature("anna"));

        Assert.Equal(0, await RowsAsync("SELECT count(*) FROM confirmation_emails"));
    }

    [Fact]
    public async Task AFailedAttemptWaitsForItsRetryAndTheLastOneGivesUp()
    {
        await pledges.TakePledgeAsync(Signature("anna"));
        var due = Assert.Single(await emails.ReadDueAsync(clock.GetUtcNow(), 10));

        await emails.MarkFailedAsync(due.TokenId, "SocketException", clock.GetUtcNow(), clock.GetUtcNow().AddMinutes(1));
        Assert.Empty(await emails.ReadDueAsync(clock.GetUtcNow(), 10));
        Assert.Equal(clock.GetUtcNow().AddMinutes(1), await emails.NextDueAtAsync());
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, Assert.Single(await emails.ReadDueAsync(clock.GetUtcNow(), 10)).Attempts);

        await emails.MarkFailedAsync(due.TokenId, "SocketException", clock.GetUtcNow(), nextAttemptAt: null);
        clock.Advance(TimeSpan.FromDays(1));
        Assert.Empty(await emails.ReadDueAsync(clock.GetUtcNow(), 10));
        Assert.Null(await emails.NextDueAtAsync());
    }

    [Fact]
    public async Task TheSendersMarksAndTheConfirmationAreWrittenByTheDatabasesOneWriter()
    {
        // A write on a connection of its own takes SQLite's write lock from under the group-commit
        // writer, which then waits out SQLite's busy back-off with every turn's write behind it:
        // measured as a p99 of 165 ms on the pledge's first and last turns while emails were sent.
        await pledges.TakePledgeAsync(Signature("anna"));
        var link = (await emails.ReadDueAsync(clock.GetUtcNow(), 10))[0];
        var commitsBefore = temp.Database.WriterCommits;

        await emails.MarkFailedAsync(link.TokenId, "SmtpCommandException", clock.GetUtcNow(), clock.GetUtcNow());
        await emails.MarkSentAsync(link.TokenId, clock.GetUtcNow(), clock.GetUtcNow().AddDays(7));
        await emails.ConfirmAsync(link.TokenId, clock.GetUtcNow());

        Assert.Equal(3, temp.Database.WriterCommits - commitsBefore);
        Assert.Equal(1, await RowsAsync("SELECT count(*) FROM pledges WHERE confirmed_at IS NOT NULL"));
    }

    private static PledgeSignature Signature(string who) => new(
        Campaign, Pledge, $"email-key-{who}", $"person-key-{who}", who, $"{who}@example.org",
        new ConsentGiven(new ConsentStatement(1, "statement-hash"), "en-GB", "test", new DateTimeOffset(2026, 11, 26, 8, 55, 0, TimeSpan.Zero)),
        ConfirmEmail: true);

    private async Task<long> RowsAsync(string sql)
    {
        await using var connection = await temp.Database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
