using System.Data.Common;
using PledgeBot.Storage;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Storage;

/// <summary>
/// Group commit, on every database: concurrent writes share transactions, yet each is stored,
/// refused or undone on its own, readers never wait, and closing writes what is queued.
/// </summary>
public abstract class GroupCommitWriterTests : IAsyncLifetime
{
    protected const string Campaign = "stand-with-them";

    protected DatabaseUnderTest Database { get; private set; } = null!;

    protected IVoteStore Votes { get; private set; } = null!;

    protected abstract Task<DatabaseUnderTest> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        Database = await CreateDatabaseAsync();
        Votes = Database.VoteStore(TimeProvider.System);
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();

    [StoreFact]
    public async Task ManyVotesAtOnceAreAllStoredInFarFewerCommitsThanVotes()
    {
        var before = Database.WriterCommits;

        var results = await Task.WhenAll(Enumerable.Range(0, 500).Select(i => VoteAsync($"person-{i}", i % 2 == 0 ? "yemen-crisis" : "rohingya-refugees-india")));

        Assert.All(results, result => Assert.Equal(VoteOutcome.Recorded, result.Outcome));
        var tally = await FreshReadOfTallyAsync();
        Assert.Equal(250, tally.VotesFor("yemen-crisis"));
        Assert.Equal(250, tally.VotesFor("rohingya-refugees-india"));
        // Each commit syncs the log once; 500 syncs would be the old one-transaction-per-vote path.
        Assert.InRange(Database.WriterCommits - before, 1, 50);
    }

    [StoreFact]
    public async Task OnePersonsConcurrentVotesAreWrittenOneAfterTheOtherAndCountOnce()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => VoteAsync("anna", i % 2 == 0 ? "yemen-crisis" : "rohingya-refugees-india")));

        Assert.Single(results, result => result.Outcome == VoteOutcome.Recorded);
        Assert.Equal(1, (await FreshReadOfTallyAsync()).Total);
    }

    [StoreFact]
    public async Task AWriteThatFailsUndoesOnlyItsOwnChangesAndItsNeighboursAreStored()
    {
        await Database.WriteAsync((connection, token) => InsertVoteAsync(connection, "taken", token));

        var neighbours = Enumerable.Range(0, 20).Select(i => VoteAsync($"person-{i}", "yemen-crisis")).ToList();
        var halfDone = Database.WriteAsync(async (connection, token) =>
        {
            await InsertVoteAsync(connection, "half-done", token);
            throw new InvalidOperationException("fails after its first insert");
        });
        // Refused by the database itself (the person already voted): PostgreSQL then refuses every
        // statement of the transaction until it is rolled back to the write's savepoint.
        var refused = Database.WriteAsync(async (connection, token) =>
        {
            await InsertVoteAsync(connection, "refused-half", token);
            await InsertVoteAsync(connection, "taken", token);
        });
        var after = Enumerable.Range(20, 20).Select(i => VoteAsync($"person-{i}", "yemen-crisis")).ToList();

        await Assert.ThrowsAsync<InvalidOperationException>(() => halfDone);
        await Assert.ThrowsAnyAsync<DbException>(() => refused);
        await Task.WhenAll(neighbours.Concat(after));
        Assert.Equal(41, (await FreshReadOfTallyAsync()).Total);
        Assert.Null(await Votes.FindVoteAsync(Campaign, "half-done"));
        Assert.Null(await Votes.FindVoteAsync(Campaign, "refused-half"));
    }

    [StoreFact]
    public async Task ReadersDoNotWaitForAWriteInProgress()
    {
        await VoteAsync("anna", "yemen-crisis");
        var writing = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        // Holds the writer's transaction (and, on SQLite, the write lock) open until released.
        var held = Database.WriteAsync(async (connection, token) =>
        {
            await InsertVoteAsync(connection, "ben", token);
            writing.SetResult();
            await release.Task;
        });
        await writing.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // Not a timing check: with readers queued behind the writer this read would never finish while the write is held.
        var tally = await Votes.GetTallyAsync(Campaign).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, tally.Total);
        release.SetResult();
        await held;
        Assert.Equal(2, (await Votes.GetTallyAsync(Campaign)).Total);
    }

    [StoreFact]
    public async Task ClosingTheDatabaseFinishesEveryQueuedWriteAndRefusesNewOnes()
    {
        var queued = Enumerable.Range(0, 200).Select(i => VoteAsync($"person-{i}", "yemen-crisis")).ToList();

        await Database.CloseAsync();

        await Task.WhenAll(queued);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => VoteAsync("late", "yemen-crisis"));
        Assert.Equal(200, (await FreshReadOfTallyAsync()).Total);
    }

    [StoreFact]
    public async Task ACallerThatGaveUpBeforeItsTurnIsNotWrittenFor()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Votes.RecordVoteAsync(new VoteRequest(Campaign, "anna", "yemen-crisis", "request-anna"), cancelled.Token));

        Assert.Null(await Votes.FindVoteAsync(Campaign, "anna"));
    }

    protected Task<VoteResult> VoteAsync(string person, string cause) =>
        Votes.RecordVoteAsync(new VoteRequest(Campaign, person, cause, $"request-{person}-{Guid.NewGuid():N}"));

    /// <summary>The tally as a database opened afresh sees it: what was committed, not what one connection holds.</summary>
    protected Task<VoteTally> FreshReadOfTallyAsync() => Database.ReopenedVoteStore(TimeProvider.System).GetTallyAsync(Campaign);

    private static async Task InsertVoteAsync(DbConnection connection, string person, CancellationToken token)
    {
        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO votes (campaign_id, person_key, cause_id, voted_at, channel) VALUES (@campaign, @person, 'yemen-crisis', @at, 'test')";
        foreach (var (name, value) in new (string, object)[] { ("@campaign", Campaign), ("@person", person), ("@at", DateTimeOffset.UtcNow) })
        {
            var parameter = insert.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            insert.Parameters.Add(parameter);
        }

        await insert.ExecuteNonQueryAsync(token);
    }
}
