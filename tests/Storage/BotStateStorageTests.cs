using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Newtonsoft.Json;
using PledgeBot.Storage;
using PledgeBot.Tests.Support;
using Activity = Microsoft.Bot.Schema.Activity;
using ActivityTypes = Microsoft.Bot.Schema.ActivityTypes;
using ChannelAccount = Microsoft.Bot.Schema.ChannelAccount;
using ConversationAccount = Microsoft.Bot.Schema.ConversationAccount;

namespace PledgeBot.Tests.Storage;

/// <summary>The SDK's state with ETags, on every database: each derived class runs these on one.</summary>
public abstract class BotStateStorageTests : IAsyncLifetime
{
    private DatabaseUnderTest database = null!;
    private IBotStateStorage storage = null!;

    protected abstract Task<DatabaseUnderTest> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        database = await CreateDatabaseAsync();
        storage = database.BotStateStorage(TimeProvider.System);
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [StoreFact]
    public async Task AWrittenItemIsReadBackAsItsOwnTypeWithAnETag()
    {
        await Write(("note", new Note { Text = "hello" }));

        var note = await ReadNote("note");

        Assert.Equal("hello", note.Text);
        Assert.False(string.IsNullOrEmpty(note.ETag));
    }

    [StoreFact]
    public async Task UpdatingWithTheETagJustReadWorksAndGivesANewETag()
    {
        await Write(("note", new Note { Text = "first" }));
        var read = await ReadNote("note");

        await Write(("note", new Note { Text = "second", ETag = read.ETag }));

        var updated = await ReadNote("note");
        Assert.Equal("second", updated.Text);
        Assert.NotEqual(read.ETag, updated.ETag);
    }

    [StoreFact]
    public async Task WritingWithAStaleETagIsRefusedAndKeepsTheStoredValue()
    {
        await Write(("note", new Note { Text = "first" }));
        var stale = await ReadNote("note");
        await Write(("note", new Note { Text = "second", ETag = stale.ETag }));

        var conflict = await Assert.ThrowsAsync<StorageETagConflictException>(
            () => Write(("note", new Note { Text = "lost update", ETag = stale.ETag })));

        Assert.Equal("note", conflict.Key);
        Assert.Equal("second", (await ReadNote("note")).Text);
    }

    [StoreFact]
    public async Task TheWildcardETagOverwritesWhateverIsStored()
    {
        await Write(("note", new Note { Text = "first" }));

        await Write(("note", new Note { Text = "forced", ETag = "*" }));

        Assert.Equal("forced", (await ReadNote("note")).Text);
    }

    [StoreFact]
    public async Task ABatchWithOneConflictStoresNoneOfIt()
    {
        await Write(("a", new Note { Text = "a1" }), ("b", new Note { Text = "b1" }));
        var a = await ReadNote("a");
        var staleB = await ReadNote("b");
        await Write(("b", new Note { Text = "b2", ETag = staleB.ETag }));

        await Assert.ThrowsAsync<StorageETagConflictException>(() => Write(
            ("new", new Note { Text = "new" }),
            ("a", new Note { Text = "a2", ETag = a.ETag }),
            ("b", new Note { Text = "b3", ETag = staleB.ETag })));

        var stored = await storage.ReadAsync(["new", "a", "b"]);
        Assert.False(stored.ContainsKey("new"));
        Assert.Equal("a1", ((Note)stored["a"]).Text);
        Assert.Equal("b2", ((Note)stored["b"]).Text);
    }

    [StoreFact]
    public async Task DeletingRemovesTheItem()
    {
        await Write(("note", new Note { Text = "bye" }), ("other", new Note { Text = "stays" }));

        await storage.DeleteAsync(["note"]);

        var stored = await storage.ReadAsync(["note", "other"]);
        Assert.Equal(["other"], stored.Keys);
    }

    [StoreFact]
    public async Task ReadingKeysThatWereNeverWrittenReturnsNothingForThem()
    {
        await Write(("note", new Note { Text = "here" }));

        var stored = await storage.ReadAsync(["missing", "note", "also-missing"]);

        Assert.Equal(["note"], stored.Keys);
    }

    [StoreFact]
    public async Task ConversationStateKeepsAPropertyFromOneTurnToTheNextAcrossARestart()
    {
        var firstTurnState = new ConversationState(storage);
        var firstTurn = Turn();
        await firstTurnState.CreateProperty<Progress>("progress")
            .SetAsync(firstTurn, new Progress { StoryNumber = 3, CauseId = "yemen-crisis" });
        await firstTurnState.SaveChangesAsync(firstTurn);

        var restartedState = new ConversationState(database.ReopenedBotStateStorage(TimeProvider.System));
        var progress = await restartedState.CreateProperty<Progress>("progress").GetAsync(Turn(), () => new Progress());

        Assert.Equal(3, progress.StoryNumber);
        Assert.Equal("yemen-crisis", progress.CauseId);
    }

    [StoreFact]
    public async Task AStoredRowNamingADisallowedTypeIsRefusedOnRead()
    {
        await InsertRawRowAsync("tampered", """{"$type":"System.IO.FileInfo, System.IO.FileSystem","fileName":"x"}""");

        await Assert.ThrowsAsync<JsonSerializationException>(() => storage.ReadAsync(["tampered"]));
    }

    [StoreFact]
    public async Task AStoredRowNamingADisallowedTypeByItsCoreLibraryNameIsRefusedOnRead()
    {
        await InsertRawRowAsync("tampered", """{"$type":"System.IO.FileInfo, System.Private.CoreLib","fileName":"x"}""");

        await Assert.ThrowsAsync<JsonSerializationException>(() => storage.ReadAsync(["tampered"]));
    }

    [StoreFact]
    public async Task AStoredRowCannotSmuggleADisallowedTypeInAsAGenericTypeArgument()
    {
        await InsertRawRowAsync("tampered", """
            {"$type":"System.Collections.Generic.Dictionary`2[[System.String, System.Private.CoreLib],[System.IO.FileInfo, System.IO.FileSystem]], System.Private.CoreLib",
             "file":{"fileName":"x"}}
            """);

        await Assert.ThrowsAsync<JsonSerializationException>(() => storage.ReadAsync(["tampered"]));
    }

    private Task Write(params (string Key, object Value)[] items) =>
        storage.WriteAsync(items.ToDictionary(i => i.Key, i => i.Value));

    private async Task<Note> ReadNote(string key) => Assert.IsType<Note>((await storage.ReadAsync([key]))[key]);

    private static TurnContext Turn() => new(new TestAdapter(), new Activity
    {
        Type = ActivityTypes.Message,
        ChannelId = "test",
        Conversation = new ConversationAccount { Id = "conversation-1" },
        From = new ChannelAccount { Id = "user-1" },
        Recipient = new ChannelAccount { Id = "bot" },
        Text = "hi",
    });

    /// <summary>The document as a literal (these are the tests' own constants), so that each database gives it its column's type.</summary>
    private async Task InsertRawRowAsync(string key, string document)
    {
        await using var connection = await database.OpenRawConnectionAsync();
        await using var insert = connection.CreateCommand();
        insert.CommandText = $"INSERT INTO bot_state (state_key, etag, document, updated_at) VALUES (@key, 'etag', '{document.Replace("'", "''", StringComparison.Ordinal)}', '2025-11-26T12:00:00Z')";
        var parameter = insert.CreateParameter();
        parameter.ParameterName = "key";
        parameter.Value = key;
        insert.Parameters.Add(parameter);
        await insert.ExecuteNonQueryAsync();
    }

    public sealed class Note : IStoreItem
    {
        public string? Text { get; set; }

        public string? ETag { get; set; }
    }

    public sealed class Progress
    {
        public int StoryNumber { get; set; }

        public string? CauseId { get; set; }
    }
}
