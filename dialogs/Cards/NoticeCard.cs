using System.Text.Json.Nodes;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Words;
using static PledgeBot.Dialogs.Cards.CardElements;

namespace PledgeBot.Dialogs.Cards;

/// <summary>A short message followed by the main menu: help, cancellations, things not ready yet.</summary>
public static class NoticeCard
{
    public static JsonObject Create(CampaignContent content, string title, string message) => Card(
        speak: $"{title}. {message}",
        body: [Heading(title, size: "Medium"), Text(message)],
        actions: MenuButtons.For(content));

    public static JsonObject Help(CampaignContent content) => Create(
        content,
        BotWords.HelpTitle,
        BotWords.HelpText);
}
