using System.Text.Json.Nodes;
using PledgeBot.Dialogs.Content;
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
        "How can I help?",
        "Choose a button below, or type one of these words: **stories**, **vote**, **pledge**, **results**, "
        + "**menu**, or **cancel** to stop what you are doing. Your data: **my data** shows what we store about you, "
        + "**stop** means the campaign no longer contacts you, and **forget me** erases everything about you.");
}
