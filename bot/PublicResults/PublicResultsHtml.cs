using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Results;
using PledgeBot.SharePage;

namespace PledgeBot.PublicResults;

/// <summary>
/// Writes /results from the figures: readable without JavaScript (there is none), every number
/// as text, bars and charts only beside the words. Every value is HTML-encoded, and nothing from
/// the request is written into the page.
/// </summary>
public static class PublicResultsHtml
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    /// <param name="pageUrl">The page's absolute address, as og:url and the canonical link name it.</param>
    /// <param name="preview">The cause whose share picture previews the link: the one with the most votes.</param>
    public static string Render(
        PublicResultsFigures figures, CampaignContent content, Uri pageUrl, SharePageLinks links, Cause preview, string stylesUrl, string themeUrl)
    {
        var campaign = Html.Encode(content.Title);
        var voteGoal = figures.Votes.Goal.For(figures.Votes.Total);
        var description = Html.Encode($"{voteGoal.DescribeVotes()}. See each cause's share of the votes and how they came in.");
        var url = Html.Encode(pageUrl.AbsoluteUri);
        var cardUrl = Html.Encode(links.CardImageUrl(preview).AbsoluteUri);
        var cardAlt = Html.Encode($"{preview.Title}: {PreviewCounts(figures, preview).Describe()}. {preview.Image.AltText}");
        var title = Html.Encode($"Results – {content.Title}");

        return $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{title}}</title>
            <meta name="description" content="{{description}}">
            <meta name="theme-color" content="{{content.Theme.AccentColor}}">
            <link rel="canonical" href="{{url}}">
            <link rel="alternate" type="application/json" href="/results.json">
            <link rel="icon" href="data:,">
            <link rel="stylesheet" href="{{Html.Encode(stylesUrl)}}">
            <link rel="stylesheet" href="{{Html.Encode(themeUrl)}}">
            <meta property="og:type" content="website">
            <meta property="og:site_name" content="{{campaign}}">
            <meta property="og:title" content="{{title}}">
            <meta property="og:description" content="{{description}}">
            <meta property="og:url" content="{{url}}">
            <meta property="og:image" content="{{cardUrl}}">
            <meta property="og:image:type" content="image/png">
            <meta property="og:image:width" content="{{ShareCardRenderer.Width}}">
            <meta property="og:image:height" content="{{ShareCardRenderer.Height}}">
            <meta property="og:image:alt" content="{{cardAlt}}">
            <meta name="twitter:card" content="summary_large_image">
            <meta name="twitter:title" content="{{title}}">
            <meta name="twitter:description" content="{{description}}">
            <meta name="twitter:image" content="{{cardUrl}}">
            <meta name="twitter:image:alt" content="{{cardAlt}}">
            </head>
            <body>
            <header class="share-header">
            <p class="share-campaign"><a href="/">{{campaign}}</a></p>
            </header>
            <main class="share-main results-main">
            <h1>{{(figures.Voting.Closed ? "Final results" : "Results so far")}}</h1>
            {{(figures.Voting.Closed ? $"<p role=\"status\">{VotingStatus.ClosedNotice}</p>" : "")}}
            {{VotesSection(figures, voteGoal)}}
            {{PledgesSection(figures)}}
            {{CausesSection(figures)}}
            {{TimeSection(figures)}}
            <p class="share-action"><a class="share-cta" href="/">Have your say in the chat</a></p>
            </main>
            <footer class="share-footer"><a href="/results.json">These figures as JSON</a> · <a href="/privacy">Privacy and terms</a></footer>
            </body>
            </html>

            """;
    }

    private static string VotesSection(PublicResultsFigures figures, GoalProgress goal) => $"""
        <section class="results-panel" aria-labelledby="results-votes">
        <h2 id="results-votes">Votes</h2>
        <p class="results-counter"><strong>{figures.Votes.Total:N0}</strong> {(figures.Votes.Total == 1 ? "vote" : "votes")}</p>
        {GoalLines(goal, goal.DescribeVotes(), "votes")}
        </section>
        """;

    private static string PledgesSection(PublicResultsFigures figures)
    {
        if (figures.Pledges.Count == 0)
        {
            return "";
        }

        var pledges = string.Join("\n", figures.Pledges.Select(p =>
        {
            var goal = p.Goal.For(p.Total);
            var confirmed = p.Confirmed is { } c ? $" ({c:N0} confirmed)" : "";
            return $"""
                <div class="results-pledge">
                <h3>{Html.Encode(p.Title)}</h3>
                <p class="results-counter"><strong>{p.Total:N0}</strong> {(p.Total == 1 ? "person has" : "people have")} taken the pledge{confirmed}</p>
                {GoalLines(goal, goal.DescribePledges(), "pledges")}
                </div>
                """;
        }));
        return $"""
            <section class="results-panel" aria-labelledby="results-pledges">
            <h2 id="results-pledges">Pledges</h2>
            {pledges}
            </section>
            """;
    }

    /// <summary>The goal in words, then the same as a bar (whose own text is the percentage, for browsers that show none).</summary>
    private static string GoalLines(GoalProgress goal, string described, string what)
    {
        var note = goal.SetByCampaign
            ? (goal.Reached ? "The campaign's goal is reached." : $"{goal.Percent}% of the campaign's goal.")
            : $"{goal.Percent}% of the way to the next milestone.";
        return $"""
            <p class="results-goal">{Html.Encode(described)}</p>
            <p class="results-goal-note">{note}</p>
            <progress class="share-bar" max="{goal.Goal}" value="{Math.Min(goal.Count, goal.Goal)}" aria-label="{Html.Encode($"Progress of the {what} toward the goal of {goal.Goal:N0}")}">{goal.Percent}%</progress>
            """;
    }

    private static string CausesSection(PublicResultsFigures figures)
    {
        if (figures.Voting.TalliesHidden)
        {
            return $"""
                <section class="results-panel" aria-labelledby="results-causes">
                <h2 id="results-causes">Votes per cause</h2>
                <p>{VotingStatus.TalliesHiddenNotice}</p>
                </section>
                """;
        }

        var rows = string.Join("\n", figures.Causes.Select(c => $"""
            <tr>
            <th scope="row"><a href="/c/{Html.Encode(Uri.EscapeDataString(c.Id))}">{Html.Encode(c.Title)}</a></th>
            <td class="results-number">{c.Votes:N0}</td>
            <td class="results-share"><span class="results-percent">{c.Percent}%</span> <progress class="share-bar" max="100" value="{c.Percent}" aria-hidden="true">{c.Percent}%</progress></td>
            </tr>
            """));
        return $"""
            <section class="results-panel" aria-labelledby="results-causes">
            <h2 id="results-causes">Votes per cause</h2>
            <table class="results-table">
            <caption>Each cause's votes and its share of all {figures.Votes.Total:N0} votes (whole percent, rounded)</caption>
            <thead><tr><th scope="col">Cause</th><th scope="col">Votes</th><th scope="col">Share</th></tr></thead>
            <tbody>
            {rows}
            </tbody>
            </table>
            </section>
            """;
    }

    private static string TimeSection(PublicResultsFigures figures)
    {
        if (figures.VotesPerDay.Count == 0)
        {
            return """
                <section class="results-panel" aria-labelledby="results-time">
                <h2 id="results-time">Votes over time</h2>
                <p>No votes yet. Be the first to have your say.</p>
                </section>
                """;
        }

        var lastHours = figures.VotesPerHour.Sum(h => h.Votes);
        var busiestHour = figures.VotesPerHour.MaxBy(h => h.Votes)!;
        var busiestDay = figures.VotesPerDay.MaxBy(d => d.Votes)!;
        var hourChart = VotesChartSvg.Render(
            "results-hours-chart",
            $"Votes per hour, last {PublicResultsReader.HoursShown} hours",
            lastHours == 0
                ? $"No votes in the last {PublicResultsReader.HoursShown} hours."
                : $"{Votes(lastHours)} in the last {PublicResultsReader.HoursShown} hours; the busiest hour, {HourText(busiestHour.Hour)} UTC, had {Votes(busiestHour.Votes)}. Every hour is in the table below.",
            figures.VotesPerHour.Select(h => h.Votes).ToList());
        var dayChart = VotesChartSvg.Render(
            "results-days-chart",
            "Votes per day",
            $"{Votes(figures.Votes.Total)} over {figures.VotesPerDay.Count} {(figures.VotesPerDay.Count == 1 ? "day" : "days")}; the busiest day, {DayText(busiestDay.Day)}, had {Votes(busiestDay.Votes)}. Every day is in the table below.",
            figures.VotesPerDay.Select(d => d.Votes).ToList());
        var hourRows = string.Join("\n", figures.VotesPerHour.Select(h =>
            $"""<tr><th scope="row"><time datetime="{h.Hour.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture)}">{HourText(h.Hour)}</time></th><td class="results-number">{h.Votes:N0}</td></tr>"""));
        var dayRows = string.Join("\n", figures.VotesPerDay.Select(d =>
            $"""<tr><th scope="row"><time datetime="{d.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}">{DayText(d.Day)}</time></th><td class="results-number">{d.Votes:N0}</td></tr>"""));
        return $"""
            <section class="results-panel" aria-labelledby="results-time">
            <h2 id="results-time">Votes over time</h2>
            <p class="results-note">Each vote is counted once, at the time it was cast or last changed. Times are UTC.</p>
            <h3 id="results-hours">The last {PublicResultsReader.HoursShown} hours</h3>
            {hourChart}
            <table class="results-table results-series" aria-labelledby="results-hours">
            <thead><tr><th scope="col">Hour (UTC)</th><th scope="col">Votes</th></tr></thead>
            <tbody>
            {hourRows}
            </tbody>
            </table>
            <h3 id="results-days">Every day</h3>
            {dayChart}
            <table class="results-table results-series" aria-labelledby="results-days">
            <thead><tr><th scope="col">Day (UTC)</th><th scope="col">Votes</th></tr></thead>
            <tbody>
            {dayRows}
            </tbody>
            </table>
            </section>
            """;
    }

    private static CauseCounts PreviewCounts(PublicResultsFigures figures, Cause cause)
    {
        var votes = figures.Causes.FirstOrDefault(c => c.Id == cause.Id);
        var pledge = figures.Pledges.FirstOrDefault(p => p.CauseId == cause.Id);
        return figures.Voting.TalliesHidden
            ? CauseCounts.Hidden(pledge?.Total, pledge?.Confirmed)
            : new CauseCounts(votes?.Votes ?? 0, figures.Votes.Total, votes?.Percent ?? 0, pledge?.Total, pledge?.Confirmed);
    }

    private static string Votes(int count) => CauseCounts.Plural(count, "vote");

    private static string HourText(DateTime hour) =>
        string.Create(CultureInfo.InvariantCulture, $"{hour:ddd d MMM, HH:mm}–{hour.AddHours(1):HH:mm}");

    private static string DayText(DateOnly day) => day.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture);
}
