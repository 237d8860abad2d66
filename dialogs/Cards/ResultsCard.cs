using System.Text.Json.Nodes;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Languages;
using PledgeBot.Dialogs.Results;
using PledgeBot.Dialogs.Words;
using PledgeBot.Storage;
using static PledgeBot.Dialogs.Cards.CardElements;

namespace PledgeBot.Dialogs.Cards;

/// <summary>
/// Live tallies: the votes toward their goal, each cause's votes and share, as text and as a bar,
/// and the way to the full results page. Once voting has closed they are the final results, with no
/// way to vote; while the admins hide the tallies, no cause's count is shown, only the reader's own vote.
/// </summary>
public static class ResultsCard
{
    public static string FullResultsTitle => BotWords.SeeTheFullResults;

    public static JsonObject Create(CampaignContent content, CardSettings settings, VoteTally tally, string? yourVoteCauseId, VoteResult? justVoted = null, VotingStatus? voting = null)
    {
        voting ??= VotingStatus.Open;
        var body = new List<JsonNode?>();
        var headline = justVoted is null ? null : VoteHeadline(content, justVoted);
        if (headline is not null)
        {
            body.Add(Text(headline, weight: "Bolder", color: "Good"));
        }

        body.Add(Heading(voting.IsClosed ? BotWords.FinalResults : BotWords.ResultsSoFar));
        if (voting.IsClosed)
        {
            body.Add(Text(VotingStatus.ClosedNotice, weight: "Bolder", color: "Attention"));
        }

        body.Add(Text(string.Format(SupporterLanguage.Formatting, (voting.IsClosed ? BotWords.TotalInAll : BotWords.TotalSoFar), CardNumbers.Votes(tally.Total)), subtle: true));
        var goal = GoalProgress.Toward(tally.Total, content.VoteGoal);
        body.Add(Text(goal.DescribeVotes(), weight: "Bolder"));
        body.Add(Bar(goal.Percent));

        var yours = content.FindCause(yourVoteCauseId);
        if (voting.TalliesHidden)
        {
            body.Add(Text(VotingStatus.TalliesHiddenNotice));
            if (yours is not null)
            {
                body.Add(Text(string.Format(SupporterLanguage.Formatting, BotWords.YourVoteIs, yours.Title)));
            }
        }

        foreach (var cause in voting.TalliesHidden ? [] : content.Causes)
        {
            var votes = tally.VotesFor(cause.Id);
            var percent = tally.PercentFor(cause.Id);
            var mine = string.Equals(cause.Id, yourVoteCauseId, StringComparison.Ordinal);
            body.Add(Text(string.Format(SupporterLanguage.Formatting, mine ? BotWords.ResultLineYourVote : BotWords.ResultLine, cause.Title, CardNumbers.Votes(votes), CardNumbers.Percent(percent))));
            body.Add(Bar(percent));
        }

        var actions = new List<JsonNode?>();
        var voted = content.FindCause(justVoted?.CauseId ?? yourVoteCauseId);
        var pledgeCause = voted?.Pledge is not null ? voted : content.CausesWithPledges.FirstOrDefault();
        if (pledgeCause?.Pledge is not null)
        {
            actions.Add(Submit(BotWords.TakeThePledge, new CardAction(ActionNames.Pledge, PledgeId: pledgeCause.Pledge.Id), style: "positive"));
        }

        actions.Add(Submit(BotWords.Share, new CardAction(ActionNames.Share, CauseId: voted?.Id, Reason: voted is null ? null : nameof(ShareReason.Voted))));
        if (!voting.IsClosed)
        {
            actions.Add(Submit(voted is null ? BotWords.Vote : BotWords.ChangeMyVote, new CardAction(ActionNames.VoteMenu)));
        }

        actions.Add(Submit(BotWords.ReadTheStories, new CardAction(ActionNames.Stories, StoryNumber: 1)));
        actions.Add(OpenUrl(FullResultsTitle, settings.ResultsPageUrl.AbsoluteUri));

        var speakLines = voting.TalliesHidden
            ? [VotingStatus.TalliesHiddenNotice]
            : content.Causes.Select(c => string.Format(SupporterLanguage.Formatting, BotWords.ResultSpoken, c.Title, CardNumbers.Votes(tally.VotesFor(c.Id)), CardNumbers.Count(tally.PercentFor(c.Id))));
        return Card(
            speak: string.Join(" ", new[] { headline, voting.IsClosed ? VotingStatus.ClosedNotice : BotWords.ResultsSoFar + ".", goal.DescribeVotes() + "." }.Concat(speakLines).Where(s => s is not null)),
            body: body,
            actions: actions);
    }


    private static string? VoteHeadline(CampaignContent content, VoteResult result)
    {
        var chosen = content.FindCause(result.CauseId)?.Title ?? result.CauseId;
        var previous = content.FindCause(result.PreviousCauseId)?.Title ?? result.PreviousCauseId;
        return result.Outcome switch
        {
            VoteOutcome.Recorded => string.Format(SupporterLanguage.Formatting, BotWords.VoteRecorded, chosen),
            VoteOutcome.Changed => string.Format(SupporterLanguage.Formatting, BotWords.VoteChanged, previous, chosen),
            _ => string.Format(SupporterLanguage.Formatting, BotWords.VoteAlreadyRecorded, chosen),
        };
    }
}
