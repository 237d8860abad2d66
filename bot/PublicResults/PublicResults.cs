using PledgeBot.Dialogs.Results;

namespace PledgeBot.PublicResults;

/// <summary>
/// Everything /results and /results.json show, as one value: the page is drawn from it and the
/// JSON is it, so the two never disagree. The README's "Public results" section documents its JSON.
/// </summary>
public sealed record PublicResultsFigures(
    CampaignFigures Campaign,
    VotingFigures Voting,
    VoteFigures Votes,
    IReadOnlyList<CauseFigures> Causes,
    IReadOnlyList<PledgeFigures> Pledges,
    IReadOnlyList<DayFigures> VotesPerDay,
    IReadOnlyList<HourFigures> VotesPerHour);

public sealed record CampaignFigures(string Id, string Title);

/// <param name="Closed">Voting has closed: the figures are final.</param>
/// <param name="ClosesAt">When voting is scheduled to close (null: no time set).</param>
/// <param name="TalliesHidden">The admins hide each cause's votes until voting closes; the causes' votes and percent are then null.</param>
public sealed record VotingFigures(bool Closed, DateTimeOffset? ClosesAt, bool TalliesHidden);

/// <param name="Total">Every vote counted, one per person.</param>
public sealed record VoteFigures(int Total, GoalFigures Goal);

/// <param name="Votes">Null while the tallies are hidden.</param>
/// <param name="Percent">Whole percent of all votes, rounded; 0 while nobody has voted; null while the tallies are hidden.</param>
public sealed record CauseFigures(string Id, string Title, int? Votes, int? Percent);

/// <param name="Total">Every pledge taken, confirmed or not; what the goal counts.</param>
/// <param name="Confirmed">Pledges whose email address is confirmed; null while double opt-in is off.</param>
public sealed record PledgeFigures(string Id, string Title, string CauseId, int Total, int? Confirmed, GoalFigures Goal);

/// <param name="Target">The number aimed for.</param>
/// <param name="SetByCampaign">True for a goal from the content file; false for a moving goal (the next step above the count).</param>
/// <param name="Percent">Whole percent of the target reached, rounded down, at most 100.</param>
public sealed record GoalFigures(long Target, bool SetByCampaign, int Percent, bool Reached)
{
    public static GoalFigures Of(GoalProgress progress) => new(progress.Goal, progress.SetByCampaign, progress.Percent, progress.Reached);

    public GoalProgress For(int count) => new(count, Target, SetByCampaign);
}

/// <param name="Day">A UTC day.</param>
public sealed record DayFigures(DateOnly Day, int Votes);

/// <param name="Hour">The hour's start, UTC.</param>
public sealed record HourFigures(DateTime Hour, int Votes);
