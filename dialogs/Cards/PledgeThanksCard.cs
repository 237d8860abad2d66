using System.Text.Json.Nodes;
using PledgeBot.Dialogs.Content;
using static PledgeBot.Dialogs.Cards.CardElements;

namespace PledgeBot.Dialogs.Cards;

public static class PledgeThanksCard
{
    public static JsonObject Create(Cause cause, Pledge pledge, string firstName, int pledgeCount)
    {
        var count = pledgeCount == 1
            ? $"You are the first person to take the {pledge.Title} pledge."
            : $"You are one of {pledgeCount:N0} people who took the {pledge.Title} pledge.";
        var actions = new List<JsonNode?>
        {
            Submit("Share", new CardAction(ActionNames.Share, CauseId: cause.Id, Reason: nameof(ShareReason.Pledged)), style: "positive"),
            Submit("Vote", new CardAction(ActionNames.VoteMenu)),
            Submit("Results", new CardAction(ActionNames.Results)),
        };
        if (pledge.Url is not null)
        {
            actions.Add(OpenUrl("Learn more about the pledge", pledge.Url));
        }

        return Card(
            speak: $"Thank you, {firstName}! {count}",
            body: [Heading($"Thank you, {firstName}!"), Text(count, size: "Medium"), Text(pledge.Text, subtle: true)],
            actions: actions);
    }
}
