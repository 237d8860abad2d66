using System.Text.Json.Nodes;
using PledgeBot.Dialogs.Content;
using static PledgeBot.Dialogs.Cards.CardElements;

namespace PledgeBot.Dialogs.Cards;

/// <summary>Asks which pledge to take, for campaigns with more than one.</summary>
public static class PledgeChoiceCard
{
    public static JsonObject Create(CampaignContent content) => Card(
        speak: "Which pledge would you like to take?",
        body:
        [
            Heading("Which pledge would you like to take?", size: "Medium"),
            .. content.CausesWithPledges.Select(c => Text($"**{c.Pledge!.Title}** ({c.Title}): {c.Pledge.Text}")),
        ],
        actions: content.CausesWithPledges
            .Select(c => Submit($"Take {c.Pledge!.Title}", new CardAction(ActionNames.Pledge, PledgeId: c.Pledge.Id)))
            .Append(Submit("Cancel", new CardAction(ActionNames.Cancel))));
}
