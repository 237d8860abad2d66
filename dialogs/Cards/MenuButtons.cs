using System.Text.Json.Nodes;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Words;
using static PledgeBot.Dialogs.Cards.CardElements;

namespace PledgeBot.Dialogs.Cards;

/// <summary>The main menu, shared by the welcome, help and notice cards.</summary>
public static class MenuButtons
{
    public static IEnumerable<JsonNode?> For(CampaignContent content)
    {
        yield return Submit(BotWords.ReadTheStories, new CardAction(ActionNames.Stories, StoryNumber: 1), style: "positive");
        yield return Submit(BotWords.Vote, new CardAction(ActionNames.VoteMenu));
        if (content.CausesWithPledges.Any())
        {
            yield return Submit(BotWords.TakeThePledge, new CardAction(ActionNames.Pledge));
        }

        yield return Submit(BotWords.Results, new CardAction(ActionNames.Results));
        if (content.Languages.Count > 1)
        {
            yield return Submit(LanguageWords.MenuButton, new CardAction(ActionNames.Language));
        }
    }
}
