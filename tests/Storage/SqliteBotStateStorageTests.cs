using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Newtonsoft.Json;
using PledgeBot.Storage;
using PledgeBot.Storage.Sqlite;
using PledgeBot.Tests.Support;
using Activity = Microsoft.Bot.Schema.Activity;
using ActivityTypes = Microsoft.Bot.Schema.ActivityTypes;
using ChannelAccount = Microsoft.Bot.Schema.ChannelAccount;
using ConversationAccount = Microsoft.Bot.Schema.ConversationAccount;

namespace PledgeBot.Tests.Storage;

public sealed class SqliteBotStateStorageTests : IDisposable
{
    private readonly TempDatabase temp = new();
    private readonly SqliteBotStateStorage storage;

    public SqliteBotStateStorageTests() => storage = new SqliteBotStateStorage(temp.Database, TimeProvider.System);

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task AWrittenItemIsReadBackAsItsOwnTypeWithAnETag()
    {
        await Write(("note", new Note { Text = "hello" }));

        var note = await ReadNote("note");

        Assert.Equal("hello", note.Text);
        Assert.False(string.IsNullOrEmpty(note.ETag));
    }

    [Fact]
    public async Task UpdatingWithTheETagJustReadWorksAndGivesANewETag()
    {
        await Write(("note", new Note { Text = "first" }));
        var read = await ReadNote("note");

        await Write(("note", new Note { Text = "second", ETag = read.ETag }));

        var updated = await ReadNote("note");
        Assert.Equal("second", updated.Text);
        Assert.NotEqual(read.ETag, updated.ETag);
    }

    [Fact]
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

    [Fact]
    public async Task TheWildcardETagOverwritesWhateverIsStored()
    {
        await Write(("note", new Note { Text = "first" }));

        await Write(("note", new Note { Text = "forced", ETag = "*" }));

        Assert.Equal("forced", (await ReadNote("note")).Text);
    }

    [Fact]
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

    [Fact]
    public async Task DeletingRemovesTheItem()
    {
        await Write(("note", new Note { Text = "bye" }), ("other", new Note { Text = "stays" }));

        await storage.DeleteAsync(["note"]);

        var stored = await storage.ReadAsync(["note", "other"]);
        Assert.Equal(["other"], stored.Keys);
    }

    [Fact]
    public async Task ReadingKeysThatWereNeverWrittenReturnsNothingForThem()
    {
        await Write(("note", new Note { Text = "here" }));

        var stored = await storage.ReadAsync(["missing", "note", "also-missing"]);

        Assert.Equal(["note"], stored.Keys);
    }

    [Fact]
    public async Task ConversationStateKeepsAPropertyFromOneTurnToTheNextAcrossARestart()
    {
        var firstTurnState = new ConversationState(storage);
        var firstTurn = Turn();
        await firstTurnState.CreateProperty<Progress>("progress")
            .SetAsync(firstTurn, new Progress { StoryNumber = 3, CauseId = "yemen-crisis" });
        await firstTurnState.SaveChangesAsync(firstTurn);

        var restartedState = new ConversationState(new SqliteBotStateStorage(temp.Reopen(), TimeProvider.System));
        var progress = await restartedState.CreateProperty<Progress>("progress").GetAsync(Turn(), () => new Progress());

        Assert.Equal(3, progress.StoryNumber);
        Assert.Equal("yemen-crisis", progress.CauseId);
    }

    [Fact]
    public async Task AStoredRowNamingADisallowedTypeIsRefusedOnRead()
    {
        InsertRawRow("tampered", """{"$type":"System.IO.FileInfo, System.IO.FileSystem","fileName":"x"}""");

        await Assert.ThrowsAsync<JsonSerializationException>(() => storage.ReadAsync(["tampered"]));
    }

    [Fact]
    public async Task AStoredRowNamingADisallowedTypeByItsCoreLibraryNameIsRefusedOnRead()
    {
        InsertRawRow("tampered", """{"$type":"System.IO.FileInfo, System.Private.CoreLib","fileName":"x"}""");

        await Assert.ThrowsAsync<JsonSerializationException>(() => storage.ReadAsync(["tampered"]));
    }

    [Fact]
    public async Task AStoredRowCannotSmuggleADisallowedTypeInAsAGenericTypeArgument()
    {
        InsertRawRow("tampered", """
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

    private void InsertRawRow(string key, string document)
    {
        using var connection = temp.OpenRawConnection();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO bot_state (state_key, etag, document, updated_at) VALUES ($key, 'etag', $document, '2025-11-26T12:00:00Z')";
        insert.Parameters.AddWithValue("$key", key);
        insert.Parameters.AddWithValue("$document", document);
        insert.ExecuteNonQuery();
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
