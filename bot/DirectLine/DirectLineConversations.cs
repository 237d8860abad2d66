using Microsoft.Bot.Schema;

namespace PledgeBot.DirectLine;

/// <summary>
/// The built-in Direct Line's conversations, in memory and bounded: a conversation keeps at most
/// a fixed number and a fixed number of bytes of recent activities, all conversations together a
/// fixed number of bytes, an idle one is forgotten, and beyond a maximum count the least recently
/// used goes first, so nothing a browser sends can grow the server's memory without end.
/// Activities are kept as the JSON the browser reads, so the bytes counted are the bytes kept.
/// </summary>
/// <remarks>
/// Watermarks are sequence numbers that only ever grow, also across a restart and across a
/// conversation being forgotten and opened again, because Web Chat keeps polling with the
/// watermark it last had and would miss every activity numbered at or below it. Each number is
/// the clock in microseconds since 1970, or one more than the last number given out when that is
/// higher: a new process starts above what the old one gave out (it would have had to give out
/// more than a million numbers a second to be ahead of the clock), and a conversation opened again
/// starts above what it had before. Should the clock have gone back, a client's first poll answers
/// with the conversation's lower watermark, which the client adopts, so it still misses nothing
/// that comes after that poll.
/// </remarks>
public sealed class DirectLineConversations(DirectLineOptions options, TimeProvider clock) : IDirectLineConversations
{
    private readonly Dictionary<string, Conversation> conversations = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private long lastSequence;
    private long keptBytes;

    public int Count
    {
        get
        {
            lock (gate)
            {
                return conversations.Count;
            }
        }
    }

    /// <summary>The UTF-8 JSON bytes of every activity kept, in all conversations.</summary>
    public long KeptBytes
    {
        get
        {
            lock (gate)
            {
                return keptBytes;
            }
        }
    }

    /// <summary>The UTF-8 JSON bytes of the activities one conversation keeps (0 when it is not in memory).</summary>
    public long KeptBytesOf(string conversationId)
    {
        lock (gate)
        {
            return conversations.TryGetValue(conversationId, out var conversation) ? conversation.Bytes : 0;
        }
    }

    public Task OpenAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            Touch(conversationId);
        }

        return Task.CompletedTask;
    }

    public Task<string?> AppendAsync(string conversationId, Activity activity, CancellationToken cancellationToken = default) =>
        Task.FromResult(Append(conversationId, activity));

    public Task<bool> ReplaceAsync(string conversationId, string activityId, Activity updated, CancellationToken cancellationToken = default) =>
        Task.FromResult(Replace(conversationId, activityId, updated));

    public Task<(IReadOnlyList<ReadOnlyMemory<byte>> Activities, long Watermark)> SinceAsync(string conversationId, long? watermark, CancellationToken cancellationToken = default) =>
        Task.FromResult(Since(conversationId, watermark));

    public Task<int> ForgetIdleAsync(CancellationToken cancellationToken = default) => Task.FromResult(ForgetIdle());

    public Task<int> CountAsync(CancellationToken cancellationToken = default) => Task.FromResult(Count);

    public Task<long> KeptBytesAsync(CancellationToken cancellationToken = default) => Task.FromResult(KeptBytes);

    public Task<long> KeptBytesOfAsync(string conversationId, CancellationToken cancellationToken = default) => Task.FromResult(KeptBytesOf(conversationId));

    private string? Append(string conversationId, Activity activity)
    {
        lock (gate)
        {
            var conversation = Touch(conversationId);
            var sequence = NextSequence(conversation);
            activity.Id ??= $"{conversationId}|{sequence:D7}";
            activity.Timestamp ??= clock.GetUtcNow();
            return Keep(conversationId, conversation, new Entry(sequence, activity.Id, DirectLineJson.Utf8(activity))) ? activity.Id : null;
        }
    }

    private bool Replace(string conversationId, string activityId, Activity updated)
    {
        lock (gate)
        {
            var conversation = Touch(conversationId);
            var index = conversation.Entries.FindIndex(e => e.ActivityId == activityId);
            if (index < 0)
            {
                return false;
            }

            updated.Id = activityId;
            var json = DirectLineJson.Utf8(updated);
            if (json.Length > options.MaxBytesPerConversation)
            {
                return false;
            }

            Forget(conversation, index);
            return Keep(conversationId, conversation, new Entry(NextSequence(conversation), activityId, json));
        }
    }

    private (IReadOnlyList<ReadOnlyMemory<byte>> Activities, long Watermark) Since(string conversationId, long? watermark)
    {
        lock (gate)
        {
            var conversation = Touch(conversationId);
            var activities = conversation.Entries.Where(e => e.Sequence > (watermark ?? 0)).Select(e => (ReadOnlyMemory<byte>)e.Json).ToList();
            return (activities, conversation.LastSequence);
        }
    }

    private int ForgetIdle()
    {
        var cutoff = clock.GetUtcNow() - TimeSpan.FromMinutes(options.ConversationIdleMinutes);
        lock (gate)
        {
            var idle = conversations.Where(c => c.Value.LastUsed < cutoff).Select(c => c.Key).ToList();
            idle.ForEach(RemoveConversation);
            return idle.Count;
        }
    }

    private Conversation Touch(string conversationId)
    {
        if (!conversations.TryGetValue(conversationId, out var conversation))
        {
            if (conversations.Count >= options.MaxConversations)
            {
                RemoveConversation(LeastRecentlyUsed(except: null));
            }

            // Above anything given out before, so a client still holding an old watermark misses nothing.
            conversation = new Conversation { LastSequence = NextSequence(conversation: null) };
            conversations[conversationId] = conversation;
        }

        conversation.LastUsed = clock.GetUtcNow();
        return conversation;
    }

    private long NextSequence(Conversation? conversation)
    {
        lastSequence = Math.Max(lastSequence + 1, ClockSequence());
        var next = Math.Max(lastSequence, (conversation?.LastSequence ?? 0) + 1);
        if (conversation is not null)
        {
            conversation.LastSequence = next;
        }

        return next;
    }

    private long ClockSequence() => (clock.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;

    /// <summary>Adds the entry, then drops the oldest activities and conversations until every budget holds.</summary>
    private bool Keep(string conversationId, Conversation conversation, Entry entry)
    {
        if (entry.Json.Length > options.MaxBytesPerConversation)
        {
            return false;
        }

        conversation.Entries.Add(entry);
        conversation.Bytes += entry.Json.Length;
        keptBytes += entry.Json.Length;
        while (conversation.Entries.Count > options.MaxActivitiesPerConversation || conversation.Bytes > options.MaxBytesPerConversation)
        {
            Forget(conversation, 0);
        }

        while (keptBytes > options.MaxTotalBytes)
        {
            RemoveConversation(LeastRecentlyUsed(except: conversationId));
        }

        return true;
    }

    private void Forget(Conversation conversation, int index)
    {
        var length = conversation.Entries[index].Json.Length;
        conversation.Entries.RemoveAt(index);
        conversation.Bytes -= length;
        keptBytes -= length;
    }

    private string LeastRecentlyUsed(string? except) =>
        conversations.Where(c => c.Key != except).MinBy(c => c.Value.LastUsed).Key;

    private void RemoveConversation(string conversationId)
    {
        if (conversations.Remove(conversationId, out var conversation))
        {
            keptBytes -= conversation.Bytes;
        }
    }

    private sealed record Entry(long Sequence, string ActivityId, byte[] Json);

    private sealed class Conversation
    {
        public List<Entry> Entries { get; } = [];

        public long Bytes { get; set; }

        public long LastSequence { get; set; }

        public DateTimeOffset LastUsed { get; set; }
    }
}
