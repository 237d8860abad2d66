using Microsoft.Bot.Schema;

namespace PledgeBot.Dialogs.Conversation;

/// <summary>Whether others read along in a conversation, so that a person's details are not shown or asked for there.</summary>
public static class SharedConversations
{
    /// <summary>
    /// True for group chats and channels. Channels say so in different ways: <c>isGroup</c>, or (in
    /// Teams) a <c>conversationType</c> of <c>groupChat</c> or <c>channel</c>; either is enough.
    /// </summary>
    public static bool IsShared(this IActivity activity) =>
        activity.Conversation?.IsGroup == true
        || activity.Conversation?.ConversationType is "groupChat" or "channel";
}
