using System.Text.Json.Nodes;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Languages;
using PledgeBot.Dialogs.Results;
using PledgeBot.Dialogs.Words;
using static PledgeBot.Dialogs.Cards.CardElements;

namespace PledgeBot.Dialogs.Cards;

public static class PledgeThanksCard
{
    public static string CheckYourInbox => BotWords.CheckYourInbox;

    /// <param name="pledgeCount">
    /// Every pledge taken, confirmed or not: for "You are one of N" and for the progress toward the
    /// pledge's goal alike, so the two numbers on the card are the same number.
    /// </param>
    /// <param name="confirmationEmailed">Double opt-in is on: the person is told to look for the link.</param>
    public static JsonObject Create(Cause cause, Pledge pledge, string firstName, int pledgeCount, bool confirmationEmailed = false)
    {
        var count = pledgeCount == 1
            ? string.Format(SupporterLanguage.Formatting, BotWords.ThanksFirstPerson, pledge.Title)
            : string.Format(SupporterLanguage.Formatting, BotWords.ThanksOneOfMany, CardNumbers.Count(pledgeCount), pledge.Title);
        var actions = new List<JsonNode?>
        {
            Submit(BotWords.Share, new CardAction(ActionNames.Share, CauseId: cause.Id, Reason: nameof(ShareReason.Pledged)), style: "positive"),
            Submit(BotWords.Vote, new CardAction(ActionNames.VoteMenu)),
            Submit(BotWords.Results, new CardAction(ActionNames.Results)),
        };
        if (pledge.Url is not null)
        {
            actions.Add(OpenUrl(BotWords.LearnMoreAboutThePledge, pledge.Url));
        }

        var goal = GoalProgress.Toward(pledgeCount, pledge.Goal);
        var thanks = string.Format(SupporterLanguage.Formatting, BotWords.ThankYouName, firstName);
        List<JsonNode?> body =
        [
            Heading(thanks),
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
            speak: $"{thanks} {count} {goal.DescribePledges()}." + (confirmationEmailed ? $" {CheckYourInbox}" : ""),
            body: body,
            actions: actions);
    }
}
