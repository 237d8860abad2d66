using System.Text.Json.Nodes;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Languages;
using PledgeBot.Dialogs.Words;
using static PledgeBot.Dialogs.Cards.CardElements;

namespace PledgeBot.Dialogs.Cards;

/// <summary>The ballot: every cause with its own vote button, and the person's current choice if any.</summary>
public static class VoteCard
{
    public static JsonObject Create(CampaignContent content, string? currentVoteCauseId)
    {
        var current = content.FindCause(currentVoteCauseId);
        var intro = current is null
            ? BotWords.BallotIntro
            : string.Format(SupporterLanguage.Formatting, BotWords.BallotIntroVoted, current.Title);

        var body = new List<JsonNode?> { Heading(BotWords.BallotTitle), Text(intro) };
        foreach (var cause in content.Causes)
        {
            var chosen = cause == current;
            body.Add(Container(
                [
                    Text(chosen ? string.Format(SupporterLanguage.Formatting, BotWords.CauseYourVote, cause.Title) : cause.Title, weight: "Bolder"),
                    Text(cause.Summary, subtle: true),
                    new JsonObject
                    {
                        ["type"] = "ActionSet",
                        ["actions"] = new JsonArray(Submit(string.Format(SupporterLanguage.Formatting, BotWords.VoteForCause, cause.Title), new CardAction(ActionNames.Vote, CauseId: cause.Id))),
                    },
                ],
                style: chosen ? "accent" : "emphasis"));
        }

        return Card(speak: $"{BotWords.BallotTitle}. {intro}", body: body);
    }
}
