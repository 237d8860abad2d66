using PledgeBot.Dialogs.Cards;
using PledgeBot.Dialogs.Languages;
using PledgeBot.Dialogs.Words;

namespace PledgeBot.Dialogs.Results;

/// <summary>
/// A count toward its goal: the campaign's own goal when its content sets one, otherwise the next
/// moving step (<see cref="MovingGoals"/>). A campaign's goal stays its goal once reached, so the
/// count may pass it; a moving goal is always ahead of the count.
/// </summary>
public sealed record GoalProgress(int Count, long Goal, bool SetByCampaign)
{
    public static GoalProgress Toward(int count, int? campaignGoal) =>
        campaignGoal is { } goal ? new(count, goal, SetByCampaign: true) : new(count, MovingGoals.NextAbove(count), SetByCampaign: false);

    public bool Reached => Count >= Goal;

    /// <summary>Whole percent of the goal, rounded down (so 100 means reached) and never above 100, for a bar.</summary>
    public int Percent => (int)Math.Min(100, Math.Max(0L, Count) * 100 / Goal);

    /// <summary>"1,204 of 2,000 votes", or "2,304 votes: the goal of 2,000 is reached", in the supporter's language.</summary>
    public string DescribeVotes() => Reached
        ? Format(BotWords.GoalVotesReached, CardNumbers.Votes(Count), CardNumbers.Count(Goal))
        : Format(BotWords.GoalVotesToward, CardNumbers.Count(Count), CardNumbers.Count(Goal));

    /// <summary>"1,204 of 2,000 people have taken the pledge", or "… taken the pledge: the goal of 2,000 is reached"</summary>
    public string DescribePledges() => Reached
        ? PluralWords.Format("GoalPledgesReached", Count, CardNumbers.Count(Goal))
        : Format(BotWords.GoalPledgesToward, CardNumbers.Count(Count), CardNumbers.Count(Goal));

    private static string Format(string words, params object[] values) => string.Format(SupporterLanguage.Formatting, words, values);
}
