using System.Text.Json.Nodes;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Words;
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
            Text(PluralWords.Format("WelcomeStoryCount", content.Causes.Count), subtle: true),
        ],
        actions: MenuButtons.For(content));
}
