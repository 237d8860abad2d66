using Microsoft.Extensions.Time.Testing;
using PledgeBot.Dialogs.Conversation;
using PledgeBot.Storage;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Storage;

/// <summary>Clearing the unfinished pledge from conversation state rows nobody wrote to for a while.</summary>
/// <remarks>On every database: each derived class runs these on one.</remarks>
public abstract class StaleStateCleanupTests : IAsyncLifetime
{
    protected const string DraftPath = "$.ConversationFlow.Pledge";
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    private IBotStateStorage storage = null!;

    protected FakeTimeProvider Clock { get; } = new(Start);

    protected DatabaseUnderTest Database { get; private set; } = null!;

    protected IStaleStateCleanup Cleanup { get; private set; } = null!;

    protected abstract Task<DatabaseUnderTest> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        Database = await CreateDatabaseAsync();
        storage = Database.BotStateStorage(Clock);
        Cleanup = Database.StaleStateCleanup();
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();

    [StoreFact]
    public async Task OnlyTheDraftOfAnOldRowIsClearedWithANewETagAndItsLastWriteTimeKept()
    {
        await WriteFlowAsync("old", withDraft: true);
        var (oldETag, oldUpdatedAt) = await RowAsync("old");
        Clock.Advance(TimeSpan.FromMinutes(26));
        await WriteFlowAsync("fresh", withDraft: true);
        Clock.Advance(TimeSpan.FromMinutes(5));

        var cleared = await Cleanup.ClearAsync(DraftPath, Clock.GetUtcNow() - PledgeDialog.DraftLifetime);

        Assert.Equal(1, cleared);
        var old = await ReadFlowAsync("old");
        Assert.Null(old.Pledge);
        Assert.Equal("abcdefghij", old.Referral?.Code);
        var (newETag, newUpdatedAt) = await RowAsync("old");
        Assert.NotEqual(oldETag, newETag);
        Assert.Equal(oldUpdatedAt, newUpdatedAt);
        Assert.NotNull((await ReadFlowAsync("fresh")).Pledge);
    }

    [StoreFact]
    public async Task ATurnThatWritesBetweenFindingAndClearingWins()
    {
        await WriteFlowAsync("chat", withDraft: true);
        Clock.Advance(TimeSpan.FromMinutes(31));
        var found = Assert.Single(await Cleanup.FindAsync(DraftPath, Clock.GetUtcNow() - PledgeDialog.DraftLifetime, "", 10));

        await WriteFlowAsync("chat", withDraft: true, pledgeId: "written-by-the-turn");
        var cleared = await Cleanup.ClearAsync(found, DraftPath);

        Assert.False(cleared);
        Assert.Equal("written-by-the-turn", (await ReadFlowAsync("chat")).Pledge?.PledgeId);
    }

    [StoreFact]
    public async Task RowsWithoutADraftAreLeftAlone()
    {
        await WriteFlowAsync("no-draft", withDraft: false);
        await storage.WriteAsync(new Dictionary<string, object> { ["other-shape"] = new Dictionary<string, object> { [nameof(ConversationFlow)] = "not an object" } });
        var (etagBefore, _) = await RowAsync("no-draft");
        var (otherETagBefore, _) = await RowAsync("other-shape");
        Clock.Advance(TimeSpan.FromHours(2));

        Assert.Equal(0, await Cleanup.ClearAsync(DraftPath, Clock.GetUtcNow() - PledgeDialog.DraftLifetime));
        Assert.Equal(etagBefore, (await RowAsync("no-draft")).ETag);
        Assert.Equal(otherETagBefore, (await RowAsync("other-shape")).ETag);
    }

    [StoreFact]
    public async Task EveryStaleDraftIsClearedWhenThereAreMoreThanOneRoundOfRows()
    {
        var rows = IStaleStateCleanup.BatchSize + 7;
        for (var i = 0; i < rows; i++)
        {
            await WriteFlowAsync($"chat-{i:D4}", withDraft: true);
        }

        Clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal(rows, await Cleanup.ClearAsync(DraftPath, Clock.GetUtcNow() - PledgeDialog.DraftLifetime));
        Assert.Null((await ReadFlowAsync("chat-0000")).Pledge);
        Assert.Null((await ReadFlowAsync($"chat-{rows - 1:D4}")).Pledge);
        Assert.Empty(await Cleanup.FindAsync(DraftPath, Clock.GetUtcNow(), "", 10));
    }

    /// <summary>A row shaped as ConversationState stores it: the state's properties by name.</summary>
    protected Task WriteFlowAsync(string key, bool withDraft, string pledgeId = "not-on-my-screen") =>
        storage.WriteAsync(new Dictionary<string, object>
        {
            [key] = new Dictionary<string, object>
            {
                [nameof(ConversationFlow)] = new ConversationFlow
                {
                    Pledge = withDraft ? new PledgeDraft { PledgeId = pledgeId, ProtectedFirstName = "encrypted", UpdatedAt = Clock.GetUtcNow() } : null,
                    Referral = new ReferralState { Code = "abcdefghij" },
                },
            },
        });

    private async Task<ConversationFlow> ReadFlowAsync(string key)
    {
        var state = (IDictionary<string, object>)(await storage.ReadAsync([key]))[key];
        return (ConversationFlow)state[nameof(ConversationFlow)];
    }

    /// <summary>The row's ETag and its last write time, as the database keeps it.</summary>
    protected async Task<(string ETag, object UpdatedAt)> RowAsync(string key)
    {
        await using var connection = await Database.OpenRawConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT etag, updated_at FROM bot_state WHERE state_key = @key";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "key";
        parameter.Value = key;
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetString(0), reader.GetValue(1));
    }
}
