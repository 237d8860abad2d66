using Microsoft.Bot.Schema;

namespace PledgeBot.DirectLine;

/// <summary>
/// The built-in Direct Line's conversations, in memory and bounded: a conversation keeps at most
/// a fixed number of recent activities, an idle one is forgotten, and beyond a maximum count the
/// least recently used goes first, so a long-running server does not grow without end.
/// Watermarks are per-conversation sequence numbers that only ever grow.
/// </summary>
public sealed class DirectLineConversations(DirectLineOptions options, TimeProvider clock)
{
    private readonly Dictionary<string, Conversation> conversations = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

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

    /// <summary>Opens the conversation, or finds it again (a reconnect, or a token from before a restart).</summary>
    public void Open(string conversationId)
    {
        lock (gate)
        {
            Touch(conversationId);
        }
    }

    /// <summary>Adds an activity, giving it the next id; returns that id.</summary>
    public string Append(string conversationId, Activity activity)
    {
        lock (gate)
        {
            var conversation = Touch(conversationId);
            var sequence = ++conversation.LastSequence;
            activity.Id ??= $"{conversationId}|{sequence:D7}";
            activity.Timestamp ??= clock.GetUtcNow();
            conversation.Entries.Add(new Entry(sequence, activity));
            if (conversation.Entries.Count > options.MaxActivitiesPerConversation)
            {
                conversation.Entries.RemoveRange(0, conversation.Entries.Count - options.MaxActivitiesPerConversation);
            }

            return activity.Id;
        }
    }

    /// <summary>
    /// Replaces an activity the bot updated. It moves to the end with a new watermark, so a client
    /// polling from its last watermark receives it again and replaces it by id.
    /// </summary>
    public bool Replace(string conversationId, string activityId, Activity updated)
    {
        lock (gate)
        {
            var conversation = Touch(conversationId);
            if (conversation.Entries.RemoveAll(e => e.Activity.Id == activityId) == 0)
            {
                return false;
            }

            updated.Id = activityId;
            conversation.Entries.Add(new Entry(++conversation.LastSequence, updated));
            return true;
        }
    }

    /// <summary>The activities after the watermark, and the new watermark.</summary>
    public (IReadOnlyList<Activity> Activities, long Watermark) Since(string conversationId, long? watermark)
    {
        lock (gate)
        {
            var conversation = Touch(conversationId);
            var activities = conversation.Entries.Where(e => e.Sequence > (watermark ?? 0)).Select(e => e.Activity).ToList();
            return (activities, conversation.LastSequence);
        }
    }

    /// <summary>Forgets conversations idle for longer than the configured time.</summary>
    public int ForgetIdle()
    {
        var cutoff = clock.GetUtcNow() - TimeSpan.FromMinutes(options.ConversationIdleMinutes);
        lock (gate)
        {
            var idle = conversations.Where(c => c.Value.LastUsed < cutoff).Select(c => c.Key).ToList();
            idle.ForEach(id => conversations.Remove(id));
            return idle.Count;
        }
    }

    private Conversation Touch(string conversationId)
    {
        if (!conversations.TryGetValue(conversationId, out var conversation))
        {
            if (conversations.Count >= options.MaxConversations)
            {
                conversations.Remove(conversations.MinBy(c => c.Value.LastUsed).Key);
            }

            conversation = new Conversation();
            conversations[conversationId] = conversation;
        }

        conversation.LastUsed = clock.GetUtcNow();
        return conversation;
    }

    private sealed record Entry(long Sequence, Activity Activity);

    private sealed class Conversation
    {
        public List<Entry> Entries { get; } = [];

        public long LastSequence { get; set; }

        public DateTimeOffset LastUsed { get; set; }
    }
}
