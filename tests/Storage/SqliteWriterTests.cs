using Microsoft.Bot.Builder;
using Microsoft.Data.Sqlite;
using PledgeBot.Storage;
using PledgeBot.Storage.Sqlite;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Storage;

/// <summary>Group commit: concurrent writes share transactions, yet each is stored, refused or undone on its own, and readers never wait.</summary>
public sealed class SqliteWriterTests : IDisposable
{
    private const string Campaign = "stand-with-them";
    private readonly TempDatabase temp = new();
    private readonly SqliteVoteStore votes;

    public SqliteWriterTests() => votes = new SqliteVoteStore(temp.Database, TimeProvider.System);

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task ManyVotesAtOnceAreAllStoredInFarFewerCommitsThanVotes()
    {
        var before = temp.Database.WriterCommits;

        var results = await Task.WhenAll(Enumerable.Range(0, 500).Select(i => VoteAsync($"person-{i}", i % 2 == 0 ? "yemen-crisis" : "rohingya-refugees-india")));

        Assert.All(results, result => Assert.Equal(VoteOutcome.Recorded, result.Outcome));
        var tally = await FreshReadOfTallyAsync();
        Assert.Equal(250, tally.VotesFor("yemen-crisis"));
        Assert.Equal(250, tally.VotesFor("rohingya-refugees-india"));
        // Each commit syncs the log once; 500 syncs would be the old one-transaction-per-vote path.
        Assert.InRange(temp.Database.WriterCommits - before, 1, 50);
    }

    [Fact]
    public async Task OnePersonsConcurrentVotesAreWrittenOneAfterTheOtherAndCountOnce()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => VoteAsync("anna", i % 2 == 0 ? "yemen-crisis" : "rohingya-refugees-india")));

        Assert.Single(results, result => result.Outcome == VoteOutcome.Recorded);
        Assert.Equal(1, (await FreshReadOfTallyAsync()).Total);
    }

    [Fact]
    public async Task AWriteThatFailsUndoesOnlyItsOwnChangesAndItsNeighboursAreStored()
    {
        var state = new SqliteBotStateStorage(temp.Database, TimeProvider.System);
        await state.WriteAsync(new Dictionary<string, object> { ["conversation/a"] = new Note { Text = "first" } });
        var stale = new Note { Text = "stale", ETag = "not-the-stored-etag" };

        var neighbours = Enumerable.Range(0, 20).Select(i => VoteAsync($"person-{i}", "yemen-crisis")).ToList();
        var halfDone = temp.Database.WriteAsync(async (connection, token) =>
        {
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO votes (campaign_id, person_key, cause_id, voted_at, channel) VALUES ('stand-with-them', 'half-done', 'yemen-crisis', 'x', 'test')";
            await insert.ExecuteNonQueryAsync(token);
            throw new InvalidOperationException("fails after its first insert");
        });
        var conflict = state.WriteAsync(new Dictionary<string, object> { ["conversation/a"] = stale });

        await Assert.ThrowsAsync<InvalidOperationException>(() => halfDone);
        await Assert.ThrowsAsync<StorageETagConflictException>(() => conflict);
        await Task.WhenAll(neighbours);
        Assert.Equal(20, (await FreshReadOfTallyAsync()).Total);
        Assert.Null(await votes.FindVoteAsync(Campaign, "half-done"));
        Assert.Equal("first", ((Note)(await state.ReadAsync(["conversation/a"]))["conversation/a"]).Text);
    }

    [Fact]
    public async Task ReadersDoNotWaitForAWriteInProgress()
    {
        await VoteAsync("anna", "yemen-crisis");
        var writing = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        // Holds the writer's transaction (and SQLite's write lock) open until released.
        var held = temp.Database.WriteAsync(async (connection, token) =>
        {
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO votes (campaign_id, person_key, cause_id, voted_at, channel) VALUES ('stand-with-them', 'ben', 'yemen-crisis', 'x', 'test')";
            await insert.ExecuteNonQueryAsync(token);
            writing.SetResult();
            await release.Task;
        });
        await writing.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // Not a timing check: with readers queued behind the writer this read would never finish while the write is held.
        var tally = await votes.GetTallyAsync(Campaign).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, tally.Total);
        release.SetResult();
        await held;
        Assert.Equal(2, (await votes.GetTallyAsync(Campaign)).Total);
    }

    [Fact]
    public async Task ClosingTheDatabaseFinishesEveryQueuedWriteAndRefusesNewOnes()
    {
        var queued = Enumerable.Range(0, 200).Select(i => VoteAsync($"person-{i}", "yemen-crisis")).ToList();

        await temp.Database.DisposeAsync();

        await Task.WhenAll(queued);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => VoteAsync("late", "yemen-crisis"));
        Assert.Equal(200, (await new SqliteVoteStore(temp.Reopen(), TimeProvider.System).GetTallyAsync(Campaign)).Total);
    }

    [Fact]
    public async Task ACallerThatGaveUpBeforeItsTurnIsNotWrittenFor()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => votes.RecordVoteAsync(new VoteRequest(Campaign, "anna", "yemen-crisis", "request-anna"), cancelled.Token));

        Assert.Null(await votes.FindVoteAsync(Campaign, "anna"));
    }

    private Task<VoteResult> VoteAsync(string person, string cause) =>
        votes.RecordVoteAsync(new VoteRequest(Campaign, person, cause, $"request-{person}-{Guid.NewGuid():N}"));

    /// <summary>The tally as a new connection sees it: what was committed, not what one connection holds.</summary>
    private async Task<VoteTally> FreshReadOfTallyAsync()
    {
        SqliteConnection.ClearAllPools();
        return await votes.GetTallyAsync(Campaign);
    }

    private sealed class Note : IStoreItem
    {
        public string? Text { get; set; }

        public string? ETag { get; set; }
    }
}
