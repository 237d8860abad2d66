using System.Globalization;
using System.Text.Json.Nodes;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Results;
using static PledgeBot.Dialogs.Cards.CardElements;

namespace PledgeBot.Dialogs.Cards;

public static class PledgeThanksCard
{
    public const string CheckYourInbox = "Check your inbox: we are sending a link to confirm your pledge (unless this address confirmed it, or asked us to stop, before).";

    /// <param name="pledgeCount">
    /// Every pledge taken, confirmed or not: for "You are one of N" and for the progress toward the
    /// pledge's goal alike, so the two numbers on the card are the same number.
    /// </param>
    /// <param name="confirmationEmailed">Double opt-in is on: the person is told to look for the link.</param>
    public static JsonObject Create(Cause cause, Pledge pledge, string firstName, int pledgeCount, bool confirmationEmailed = false)
    {
        var count = pledgeCount == 1
            ? $"You are the first person to take the {pledge.Title} pledge."
            : string.Create(CultureInfo.InvariantCulture, $"You are one of {pledgeCount:N0} people who took the {pledge.Title} pledge.");
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

        var goal = GoalProgress.Toward(pledgeCount, pledge.Goal);
        List<JsonNode?> body =
        [
            Heading($"Thank you, {firstName}!"),
            Text(count, size: "Medium"),
            Text(goal.DescribePledges(), weight: "Bolder"),
            Bar(goal.Percent),
        ];
        if (confirmationEmailed)
        {
            body.Add(Text(CheckYourInbox));
        }

        body.Add(Text(pledge.Text, subtle: true));
        return Card(
            speak: $"Thank you, {firstName}! {count} {goal.DescribePledges()}." + (confirmationEmailed ? $" {CheckYourInbox}" : ""),
            body: body,
            actions: actions);
    }
}
