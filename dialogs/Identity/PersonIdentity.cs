using Microsoft.Bot.Schema;

namespace PledgeBot.Dialogs.Identity;

/// <summary>Who is speaking, as the stores know them: channel plus user id, hashed.</summary>
public static class PersonIdentity
{
    public static string PersonKeyOf(this PersonKeyHasher hasher, IActivity activity)
    {
        // In Teams the AAD object id is stable across chats and devices; the channel's user id is not.
        var userId = activity.From?.AadObjectId is { Length: > 0 } aad ? aad : activity.From?.Id ?? "anonymous";
        return hasher.PersonKey(activity.ChannelId ?? "unknown", userId);
    }

    /// <summary>
    /// Identifies one delivery, so a channel's retry of the same activity is recognised. The
    /// sender is part of it: activity ids are only unique within a conversation, and two people
    /// must never be mistaken for one retry.
    /// </summary>
    public static string RequestKeyOf(this PersonKeyHasher hasher, IActivity activity) =>
        activity.Id is { Length: > 0 } id
            ? hasher.RequestKey(activity.ChannelId ?? "unknown", activity.Conversation?.Id ?? "", id, hasher.PersonKeyOf(activity))
            : Guid.NewGuid().ToString("N");
}
