using System.Text.Json.Nodes;
using PledgeBot.Dialogs.Content;
using static PledgeBot.Dialogs.Cards.CardElements;

namespace PledgeBot.Dialogs.Cards;

public static class WelcomeCard
{
    public static JsonObject Create(CampaignContent content) => Card(
        speak: $"{content.Title}. {content.Intro}",
        body:
        [
            Heading(content.Title),
            Text(content.Intro),
            Text($"There are {content.Causes.Count} stories. Type **help** at any time to see what you can do.", subtle: true),
        ],
        actions: MenuButtons.For(content));
}
