using PledgeBot.Dialogs.Conversation;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Storage;

public sealed class SqliteStaleStateCleanupTests : StaleStateCleanupTests
{
    protected override Task<DatabaseUnderTest> CreateDatabaseAsync() => Task.FromResult<DatabaseUnderTest>(new SqliteUnderTest());

    /// <summary>SQLite keeps whatever text it is given; PostgreSQL's json column refuses such a row in the first place.</summary>
    [StoreFact]
    public async Task ADocumentThatIsNotJsonIsLeftAloneAndDoesNotStopTheSweep()
    {
        await WriteFlowAsync("chat", withDraft: true);
        await using (var connection = await Database.OpenRawConnectionAsync())
        {
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO bot_state VALUES ('broken', 'etag', 'not json {', '2000-01-01T00:00:00.0000000+00:00')";
            await insert.ExecuteNonQueryAsync();
        }

        Clock.Advance(TimeSpan.FromHours(2));

        Assert.Equal(1, await Cleanup.ClearAsync(DraftPath, Clock.GetUtcNow() - PledgeDialog.DraftLifetime));
        Assert.Equal("etag", (await RowAsync("broken")).ETag);
    }
}
