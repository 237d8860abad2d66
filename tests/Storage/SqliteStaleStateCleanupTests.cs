using Microsoft.Extensions.Time.Testing;
using PledgeBot.Dialogs.Conversation;
using PledgeBot.Storage.Sqlite;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Storage;

/// <summary>Clearing the unfinished pledge from conversation state rows nobody wrote to for a while.</summary>
public sealed class SqliteStaleStateCleanupTests : IDisposable
{
    private const string DraftPath = "$.ConversationFlow.Pledge";
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    private readonly TempDatabase temp = new();
    private readonly FakeTimeProvider clock = new(Start);
    private readonly SqliteBotStateStorage storage;
    private readonly SqliteStaleStateCleanup cleanup;

    public SqliteStaleStateCleanupTests()
    {
        storage = new SqliteBotStateStorage(temp.Database, clock);
        cleanup = new SqliteStaleStateCleanup(temp.Database);
    }

    [Fact]
    public async Task OnlyTheDraftOfAnOldRowIsClearedWithANewETagAndItsLastWriteTimeKept()
    {
        await WriteFlowAsync("old", withDraft: true);
        var (oldETag, oldUpdatedAt) = await RowAsync("old");
        clock.Advance(TimeSpan.FromMinutes(26));
        await WriteFlowAsync("fresh", withDraft: true);
        clock.Advance(TimeSpan.FromMinutes(5));

        var cleared = await cleanup.ClearAsync(DraftPath, clock.GetUtcNow() - PledgeDialog.DraftLifetime);

        Assert.Equal(1, cleared);
        var old = await ReadFlowAsync("old");
        Assert.Null(old.Pledge);
        Assert.Equal("abcdefghij", old.Referral?.Code);
        var (newETag, newUpdatedAt) = await RowAsync("old");
        Assert.NotEqual(oldETag, newETag);
        Assert.Equal(oldUpdatedAt, newUpdatedAt);
        Assert.NotNull((await ReadFlowAsync("fresh")).Pledge);
    }

    [Fact]
    public async Task ATurnThatWritesBetweenFindingAndClearingWins()
    {
        await WriteFlowAsync("chat", withDraft: true);
        clock.Advance(TimeSpan.FromMinutes(31));
        var found = Assert.Single(await cleanup.FindAsync(DraftPath, clock.GetUtcNow() - PledgeDialog.DraftLifetime, "", 10));

        await WriteFlowAsync("chat", withDraft: true, pledgeId: "written-by-the-turn");
        var cleared = await cleanup.ClearAsync(found, DraftPath);

        Assert.False(cleared);
        Assert.Equal("written-by-the-turn", (await ReadFlowAsync("chat")).Pledge?.PledgeId);
    }

    [Fact]
    public async Task RowsWithoutADraftOrWithADocumentThatIsNotJsonAreLeftAlone()
    {
        await WriteFlowAsync("no-draft", withDraft: false);
        await using (var connection = temp.OpenRawConnection())
        {
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO bot_state VALUES ('broken', 'etag', 'not json {', '2000-01-01T00:00:00.0000000+00:00')";
            await insert.ExecuteNonQueryAsync();
        }

        var (etagBefore, _) = await RowAsync("no-draft");
        clock.Advance(TimeSpan.FromHours(2));

        Assert.Equal(0, await cleanup.ClearAsync(DraftPath, clock.GetUtcNow() - PledgeDialog.DraftLifetime));
        Assert.Equal(etagBefore, (await RowAsync("no-draft")).ETag);
    }

    public void Dispose() => temp.Dispose();

    /// <summary>A row shaped as ConversationState stores it: the state's properties by name.</summary>
    private Task WriteFlowAsync(string key, bool withDraft, string pledgeId = "not-on-my-screen") =>
        storage.WriteAsync(new Dictionary<string, object>
        {
            [key] = new Dictionary<string, object>
            {
                [nameof(ConversationFlow)] = new ConversationFlow
                {
                    Pledge = withDraft ? new PledgeDraft { PledgeId = pledgeId, ProtectedFirstName = "encrypted", UpdatedAt = clock.GetUtcNow() } : null,
                    Referral = new ReferralState { Code = "abcdefghij" },
                },
            },
        });

    private async Task<ConversationFlow> ReadFlowAsync(string key)
    {
        var state = (IDictionary<string, object>)(await storage.ReadAsync([key]))[key];
        return (ConversationFlow)state[nameof(ConversationFlow)];
    }

    private async Task<(string ETag, string UpdatedAt)> RowAsync(string key)
    {
        await using var connection = temp.OpenRawConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT etag, updated_at FROM bot_state WHERE state_key = $key";
        command.Parameters.AddWithValue("$key", key);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetString(0), reader.GetString(1));
    }
}
