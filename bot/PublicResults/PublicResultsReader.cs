using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Conversation;
using PledgeBot.Dialogs.Results;
using PledgeBot.Storage;

namespace PledgeBot.PublicResults;

/// <summary>
/// The one place that produces the public figures, for the page and the JSON alike. A rule about
/// what the public may see (such as hiding tallies until voting closes) belongs here, so that
/// both answers follow it without knowing about it.
/// </summary>
public sealed class PublicResultsReader(CurrentCampaign campaign, IVoteStore votes, IPledgeStore pledges, PledgeSettings settings, TimeProvider clock, VotingStatusReader voting)
{
    /// <summary>How far back the per-hour series reaches, the current hour included.</summary>
    public const int HoursShown = 48;

    /// <param name="forCampaignAdmins">The admin dashboard: every count, even while supporters' tallies are hidden.</param>
    public async Task<PublicResultsFigures> ReadAsync(CancellationToken cancellationToken, bool forCampaignAdmins = false)
    {
        var content = campaign.Content;
        var now = clock.GetUtcNow().UtcDateTime;
        var thisHour = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc);
        var firstHour = thisHour.AddHours(-(HoursShown - 1));

        var tally = await votes.GetTallyAsync(content.Id, cancellationToken);
        var timeline = await votes.GetTimelineAsync(content.Id, new DateTimeOffset(firstHour), cancellationToken);

        var status = await voting.ReadAsync(cancellationToken);
        var causes = content.Causes
            .Select(c => status.TalliesHidden && !forCampaignAdmins
                ? new CauseFigures(c.Id, c.Title, null, null)
                : new CauseFigures(c.Id, c.Title, tally.VotesFor(c.Id), tally.PercentFor(c.Id)))
            .ToList();

        var pledgeFigures = new List<PledgeFigures>();
        foreach (var cause in content.CausesWithPledges)
        {
            var pledge = cause.Pledge!;
            var counts = await pledges.GetCountsAsync(content.Id, pledge.Id, cancellationToken);
            pledgeFigures.Add(new PledgeFigures(
                pledge.Id,
                pledge.Title,
                cause.Id,
                counts.Total,
                settings.DoubleOptIn ? counts.Confirmed : null,
                GoalFigures.Of(GoalProgress.Toward(counts.Total, pledge.Goal))));
        }

        return new PublicResultsFigures(
            new CampaignFigures(content.Id, content.Title),
            new VotingFigures(status.IsClosed, status.ClosesAt, status.TalliesHidden),
            new VoteFigures(tally.Total, GoalFigures.Of(GoalProgress.Toward(tally.Total, content.VoteGoal))),
            causes,
            pledgeFigures,
            EveryDay(timeline.PerDay, DateOnly.FromDateTime(now)),
            EveryHour(timeline.PerHour, firstHour));
    }

    /// <summary>Each day from the first vote's to today (or the last vote's, should the clock have gone back), quiet days as 0.</summary>
    private static List<DayFigures> EveryDay(IReadOnlyList<VotesOnDay> days, DateOnly today)
    {
        if (days.Count == 0)
        {
            return [];
        }

        var byDay = days.ToDictionary(d => d.Day, d => d.Votes);
        var last = days[^1].Day > today ? days[^1].Day : today;
        var series = new List<DayFigures>();
        for (var day = days[0].Day; day <= last; day = day.AddDays(1))
        {
            series.Add(new DayFigures(day, byDay.GetValueOrDefault(day)));
        }

        return series;
    }

    /// <summary>The last <see cref="HoursShown"/> hours, quiet hours as 0.</summary>
    private static List<HourFigures> EveryHour(IReadOnlyList<VotesInHour> hours, DateTime firstHour)
    {
        var byHour = hours.ToDictionary(h => h.HourStartUtc, h => h.Votes);
        return Enumerable.Range(0, HoursShown)
            .Select(offset => firstHour.AddHours(offset))
            .Select(hour => new HourFigures(hour, byHour.GetValueOrDefault(hour)))
            .ToList();
    }
}
