using System.Text.Json.Nodes;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Languages;
using PledgeBot.Dialogs.Words;
using static PledgeBot.Dialogs.Cards.CardElements;

namespace PledgeBot.Dialogs.Cards;

/// <summary>Asks which pledge to take, for campaigns with more than one.</summary>
public static class PledgeChoiceCard
{
    public static JsonObject Create(CampaignContent content) => Card(
        speak: BotWords.WhichPledge,
        body:
        [
            Heading(BotWords.WhichPledge, size: "Medium"),
            .. content.CausesWithPledges.Select(c => Text($"**{c.Pledge!.Title}** ({c.Title}): {c.Pledge.Text}")),
        ],
        actions: content.CausesWithPledges
            .Select(c => Submit(string.Format(SupporterLanguage.Formatting, BotWords.TakeNamedPledge, c.Pledge!.Title), new CardAction(ActionNames.Pledge, PledgeId: c.Pledge.Id)))
            .Append(Submit(BotWords.Cancel, new CardAction(ActionNames.Cancel))));
}
