using Microsoft.Bot.Builder;
using PledgeBot.Storage;
using PledgeBot.Storage.Sqlite;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Storage;

public sealed class SqliteWriterTests : GroupCommitWriterTests
{
    protected override Task<DatabaseUnderTest> CreateDatabaseAsync() => Task.FromResult<DatabaseUnderTest>(new SqliteUnderTest());

    [Fact]
    public async Task AStaleStateWriteIsRefusedAloneAndItsNeighboursAreStored()
    {
        var temp = ((SqliteUnderTest)Database).Temp;
        var state = new SqliteBotStateStorage(temp.Database, TimeProvider.System);
        await state.WriteAsync(new Dictionary<string, object> { ["conversation/a"] = new Note { Text = "first" } });
        var stale = new Note { Text = "stale", ETag = "not-the-stored-etag" };

        var neighbours = Enumerable.Range(0, 20).Select(i => VoteAsync($"person-{i}", "yemen-crisis")).ToList();
        var conflict = state.WriteAsync(new Dictionary<string, object> { ["conversation/a"] = stale });

        await Assert.ThrowsAsync<StorageETagConflictException>(() => conflict);
        await Task.WhenAll(neighbours);
        Assert.Equal(20, (await FreshReadOfTallyAsync()).Total);
        Assert.Equal("first", ((Note)(await state.ReadAsync(["conversation/a"]))["conversation/a"]).Text);
    }

    private sealed class Note : IStoreItem
    {
        public string? Text { get; set; }

        public string? ETag { get; set; }
    }
}
