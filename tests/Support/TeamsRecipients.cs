using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace PledgeBot.Tests.Support;

/// <summary>
/// Conversation references as the bot keeps them for people in Teams (each in their personal
/// chat with the bot, in their organisation's tenant), and the card a follow-up sends them.
/// </summary>
public static class TeamsRecipients
{
    /// <summary><paramref name="count"/> people of one tenant, each in a personal chat of their own.</summary>
    public static IReadOnlyList<ConversationReference> InTenant(string serviceUrl, string tenantId, int count) =>
        Enumerable.Range(1, count).Select(i => Person(serviceUrl, tenantId, $"{tenantId}-{i}")).ToList();

    /// <summary>One person's personal chat, its ids derived from <paramref name="who"/>.</summary>
    public static ConversationReference Person(string serviceUrl, string tenantId, string who) => new()
    {
        ChannelId = "msteams",
        ServiceUrl = serviceUrl,
        Conversation = new ConversationAccount(id: $"a:1{who}", tenantId: tenantId) { ConversationType = "personal" },
        User = new ChannelAccount($"29:{who}", aadObjectId: null),
        Bot = new ChannelAccount("28:campaign-bot", "Campaign bot"),
    };

    /// <summary>A follow-up's Adaptive Card, with a text for notifications.</summary>
    public static IMessageActivity Update(string text) => MessageFactory.Attachment(
        new Attachment
        {
            ContentType = "application/vnd.microsoft.card.adaptive",
            Content = JObject.FromObject(new
            {
                type = "AdaptiveCard",
                version = "1.5",
                body = new[] { new { type = "TextBlock", text, wrap = true } },
            }),
        },
        text: text);
}
