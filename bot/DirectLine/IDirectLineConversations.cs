using Microsoft.Bot.Schema;

namespace PledgeBot.DirectLine;

/// <summary>
/// Where the built-in Direct Line keeps its conversations: in this instance's memory
/// (<see cref="DirectLineConversations"/>, the default) or in PostgreSQL, shared by every instance
/// (<see cref="PostgresDirectLineConversations"/>). Both keep the same bounds and number
/// activities with watermarks that only grow.
/// </summary>
public interface IDirectLineConversations
{
    /// <summary>Opens the conversation, or finds it again (a reconnect, or a token from before a restart).</summary>
    Task OpenAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds an activity, giving it the next id; returns that id, or null when the activity alone is
    /// larger than a conversation may keep (it is then not kept).
    /// </summary>
    Task<string?> AppendAsync(string conversationId, Activity activity, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces an activity the bot updated. It moves to the end with a new watermark, so a client
    /// polling from its last watermark receives it again and replaces it by id. False when the
    /// activity is no longer kept or the update alone is larger than a conversation may keep.
    /// </summary>
    Task<bool> ReplaceAsync(string conversationId, string activityId, Activity updated, CancellationToken cancellationToken = default);

    /// <summary>The JSON of the activities after the watermark, in the order they were added, and the new watermark.</summary>
    Task<(IReadOnlyList<ReadOnlyMemory<byte>> Activities, long Watermark)> SinceAsync(string conversationId, long? watermark, CancellationToken cancellationToken = default);

    /// <summary>Forgets conversations idle for longer than the configured time; returns how many.</summary>
    Task<int> ForgetIdleAsync(CancellationToken cancellationToken = default);

    /// <summary>How many conversations are kept.</summary>
    Task<int> CountAsync(CancellationToken cancellationToken = default);

    /// <summary>The UTF-8 JSON bytes of every activity kept, in all conversations.</summary>
    Task<long> KeptBytesAsync(CancellationToken cancellationToken = default);

    /// <summary>The UTF-8 JSON bytes of the activities one conversation keeps (0 when it is not kept).</summary>
    Task<long> KeptBytesOfAsync(string conversationId, CancellationToken cancellationToken = default);
}
