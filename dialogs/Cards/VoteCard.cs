using System.Text.Json.Nodes;
using PledgeBot.Dialogs.Content;
using static PledgeBot.Dialogs.Cards.CardElements;

namespace PledgeBot.Dialogs.Cards;

/// <summary>The ballot: every cause with its own vote button, and the person's current choice if any.</summary>
public static class VoteCard
{
    public static JsonObject Create(CampaignContent content, string? currentVoteCauseId)
    {
        var current = content.FindCause(currentVoteCauseId);
        var intro = current is null
            ? "Which cause should receive support? You have one vote, and you can change it later."
            : $"You voted for **{current.Title}**. Choose another cause to change your vote.";

        var body = new List<JsonNode?> { Heading("Vote for a cause"), Text(intro) };
        foreach (var cause in content.Causes)
        {
            var chosen = cause == current;
            body.Add(Container(
                [
                    Text(chosen ? $"{cause.Title} (your vote)" : cause.Title, weight: "Bolder"),
                    Text(cause.Summary, subtle: true),
                    new JsonObject
                    {
                        ["type"] = "ActionSet",
                        ["actions"] = new JsonArray(Submit($"Vote for {cause.Title}", new CardAction(ActionNames.Vote, CauseId: cause.Id))),
                    },
                ],
                style: chosen ? "accent" : "emphasis"));
        }

        return Card(speak: $"Vote for a cause. {intro}", body: body);
    }
}
