using System.Globalization;

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

    /// <summary>"1,204 of 2,000 votes", or "2,304 votes: the goal of 2,000 is reached"</summary>
    public string DescribeVotes() => Reached
        ? string.Create(CultureInfo.InvariantCulture, $"{Count:N0} {(Count == 1 ? "vote" : "votes")}: the goal of {Goal:N0} is reached")
        : string.Create(CultureInfo.InvariantCulture, $"{Count:N0} of {Goal:N0} votes");

    /// <summary>"1,204 of 2,000 people have taken the pledge", or "… taken the pledge: the goal of 2,000 is reached"</summary>
    public string DescribePledges() => Reached
        ? string.Create(CultureInfo.InvariantCulture, $"{Count:N0} {(Count == 1 ? "person has" : "people have")} taken the pledge: the goal of {Goal:N0} is reached")
        : string.Create(CultureInfo.InvariantCulture, $"{Count:N0} of {Goal:N0} people have taken the pledge");
}
