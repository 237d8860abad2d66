using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Languages;
using PledgeBot.Dialogs.Results;
using PledgeBot.Pages;
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
        var description = Html.Encode(PageText.Format(PageWords.ResultsDescription, voteGoal.DescribeVotes()));
        var url = Html.Encode(PageLanguage.InLanguage(pageUrl.AbsoluteUri, content));
        var cardUrl = Html.Encode(links.CardImageUrl(preview, content).AbsoluteUri);
        var cardAlt = Html.Encode($"{preview.Title}: {PreviewCounts(figures, preview).Describe()}. {preview.Image.AltText}");
        var title = Html.Encode(PageText.Format(PageWords.ResultsTitle, content.Title));

        return $$"""
            <!DOCTYPE html>
            <html {{PageLanguage.HtmlAttributes(content)}}>
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
            {{PageLanguage.AlternatesHtml(content, pageUrl.AbsoluteUri)}}
            <meta name="twitter:card" content="summary_large_image">
            <meta name="twitter:title" content="{{title}}">
            <meta name="twitter:description" content="{{description}}">
            <meta name="twitter:image" content="{{cardUrl}}">
            <meta name="twitter:image:alt" content="{{cardAlt}}">
            </head>
            <body>
            <header class="share-header">
            <p class="share-campaign"><a href="{{Html.Encode(PageLanguage.InLanguage("/", content))}}">{{campaign}}</a></p>
            </header>
            <main class="share-main results-main">
            <h1>{{Html.Encode(figures.Voting.Closed ? PageWords.FinalResults : PageWords.ResultsSoFar)}}</h1>
            {{(figures.Voting.Closed ? $"<p role=\"status\">{VotingStatus.ClosedNotice}</p>" : "")}}
            {{VotesSection(figures, voteGoal)}}
            {{PledgesSection(figures)}}
            {{CausesSection(figures, content)}}
            {{TimeSection(figures)}}
            <p class="share-action"><a class="share-cta" href="{{Html.Encode(PageLanguage.InLanguage("/", content))}}">{{Html.Encode(PageWords.HaveYourSay)}}</a></p>
            </main>
            <footer class="share-footer"><a href="/results.json">{{Html.Encode(PageWords.FiguresAsJson)}}</a> · <a href="{{Html.Encode(PageLanguage.InLanguage("/privacy", content))}}">{{Html.Encode(PageWords.PrivacyAndTerms)}}</a></footer>
            </body>
            </html>

            """;
    }

    private static string VotesSection(PublicResultsFigures figures, GoalProgress goal) => $"""
        <section class="results-panel" aria-labelledby="results-votes">
        <h2 id="results-votes">{Html.Encode(PageWords.VotesHeading)}</h2>
        <p class="results-counter">{PageText.StrongCountHtml(figures.Votes.Total, PageWords.VotesOne, PageWords.VotesOther)}</p>
        {GoalLines(goal, goal.DescribeVotes(), PageWords.VotesGoalProgressLabel)}
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
            var confirmed = p.Confirmed is { } c ? " " + Html.Encode(PageText.Format(PageWords.ConfirmedCount, PageText.Number(c))) : "";
            return $"""
                <div class="results-pledge">
                <h3>{Html.Encode(p.Title)}</h3>
                <p class="results-counter">{PageText.StrongCountHtml(p.Total, PageWords.PledgeCountOne, PageWords.PledgeCountOther)}{confirmed}</p>
                {GoalLines(goal, goal.DescribePledges(), PageWords.PledgesGoalProgressLabel)}
                </div>
                """;
        }));
        return $"""
            <section class="results-panel" aria-labelledby="results-pledges">
            <h2 id="results-pledges">{Html.Encode(PageWords.PledgesHeading)}</h2>
            {pledges}
            </section>
            """;
    }

    /// <summary>The goal in words, then the same as a bar (whose own text is the percentage, for browsers that show none).</summary>
    /// <param name="progressLabel">The bar's label, such as <see cref="PageWords.VotesGoalProgressLabel"/>, with the goal for {0}.</param>
    private static string GoalLines(GoalProgress goal, string described, string progressLabel)
    {
        var note = goal.SetByCampaign
            ? (goal.Reached ? PageWords.GoalReached : PageText.Format(PageWords.GoalPercent, PageText.Percent(goal.Percent)))
            : PageText.Format(PageWords.MilestonePercent, PageText.Percent(goal.Percent));
        return $"""
            <p class="results-goal">{Html.Encode(described)}</p>
            <p class="results-goal-note">{Html.Encode(note)}</p>
            <progress class="share-bar" max="{goal.Goal}" value="{Math.Min(goal.Count, goal.Goal)}" aria-label="{Html.Encode(PageText.Format(progressLabel, PageText.Number(goal.Goal)))}">{Html.Encode(PageText.Percent(goal.Percent))}</progress>
            """;
    }

    private static string CausesSection(PublicResultsFigures figures, CampaignContent content)
    {
        if (figures.Voting.TalliesHidden)
        {
            return $"""
                <section class="results-panel" aria-labelledby="results-causes">
                <h2 id="results-causes">{Html.Encode(PageWords.VotesPerCause)}</h2>
                <p>{VotingStatus.TalliesHiddenNotice}</p>
                </section>
                """;
        }

        var rows = string.Join("\n", figures.Causes.Select(c => $"""
            <tr>
            <th scope="row"><a href="{Html.Encode(PageLanguage.InLanguage($"/c/{Uri.EscapeDataString(c.Id)}", content))}">{Html.Encode(c.Title)}</a></th>
            <td class="results-number">{PageText.Number(c.Votes ?? 0)}</td>
            <td class="results-share"><span class="results-percent">{Html.Encode(PageText.Percent(c.Percent ?? 0))}</span> <progress class="share-bar" max="100" value="{c.Percent}" aria-hidden="true">{Html.Encode(PageText.Percent(c.Percent ?? 0))}</progress></td>
            </tr>
            """));
        return $"""
            <section class="results-panel" aria-labelledby="results-causes">
            <h2 id="results-causes">{Html.Encode(PageWords.VotesPerCause)}</h2>
            <table class="results-table">
            <caption>{Html.Encode(PageText.Format(PageWords.CausesTableCaption, PageText.Number(figures.Votes.Total)))}</caption>
            <thead><tr><th scope="col">{Html.Encode(PageWords.CauseColumn)}</th><th scope="col">{Html.Encode(PageWords.VotesHeading)}</th><th scope="col">{Html.Encode(PageWords.ShareColumn)}</th></tr></thead>
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
            return $"""
                <section class="results-panel" aria-labelledby="results-time">
                <h2 id="results-time">{Html.Encode(PageWords.VotesOverTime)}</h2>
                <p>{Html.Encode(PageWords.NoVotesYet)}</p>
                </section>
                """;
        }

        var lastHours = figures.VotesPerHour.Sum(h => h.Votes);
        var busiestHour = figures.VotesPerHour.MaxBy(h => h.Votes)!;
        var busiestDay = figures.VotesPerDay.MaxBy(d => d.Votes)!;
        var hourChart = VotesChartSvg.Render(
            "results-hours-chart",
            PageText.Format(PageWords.VotesPerHourTitle, PublicResultsReader.HoursShown),
            lastHours == 0
                ? PageText.Format(PageWords.NoVotesInLastHours, PublicResultsReader.HoursShown)
                : PageText.Format(PageWords.VotesInLastHours, Votes(lastHours), PublicResultsReader.HoursShown, HourText(busiestHour.Hour), Votes(busiestHour.Votes)),
            figures.VotesPerHour.Select(h => h.Votes).ToList());
        var dayChart = VotesChartSvg.Render(
            "results-days-chart",
            PageWords.VotesPerDayTitle,
            PageText.Format(
                PageWords.VotesOverDays,
                Votes(figures.Votes.Total),
                PageText.Count(figures.VotesPerDay.Count, PageWords.DaysOne, PageWords.DaysOther),
                DayText(busiestDay.Day),
                Votes(busiestDay.Votes)),
            figures.VotesPerDay.Select(d => d.Votes).ToList());
        var hourRows = string.Join("\n", figures.VotesPerHour.Select(h =>
            $"""<tr><th scope="row"><time datetime="{h.Hour.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture)}">{Html.Encode(HourText(h.Hour))}</time></th><td class="results-number">{PageText.Number(h.Votes)}</td></tr>"""));
        var dayRows = string.Join("\n", figures.VotesPerDay.Select(d =>
            $"""<tr><th scope="row"><time datetime="{d.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}">{Html.Encode(DayText(d.Day))}</time></th><td class="results-number">{PageText.Number(d.Votes)}</td></tr>"""));
        return $"""
            <section class="results-panel" aria-labelledby="results-time">
            <h2 id="results-time">{Html.Encode(PageWords.VotesOverTime)}</h2>
            <p class="results-note">{Html.Encode(PageWords.TimesAreUtc)}</p>
            <h3 id="results-hours">{Html.Encode(PageText.Format(PageWords.LastHoursHeading, PublicResultsReader.HoursShown))}</h3>
            {hourChart}
            <table class="results-table results-series" aria-labelledby="results-hours">
            <thead><tr><th scope="col">{Html.Encode(PageWords.HourColumn)}</th><th scope="col">{Html.Encode(PageWords.VotesHeading)}</th></tr></thead>
            <tbody>
            {hourRows}
            </tbody>
            </table>
            <h3 id="results-days">{Html.Encode(PageWords.EveryDayHeading)}</h3>
            {dayChart}
            <table class="results-table results-series" aria-labelledby="results-days">
            <thead><tr><th scope="col">{Html.Encode(PageWords.DayColumn)}</th><th scope="col">{Html.Encode(PageWords.VotesHeading)}</th></tr></thead>
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

    private static string Votes(int count) => PageText.Count(count, PageWords.VotesOne, PageWords.VotesOther);

    // Day and month names in the reader's language; always the Gregorian calendar, as the
    // supporters' languages are written here.
    private static string HourText(DateTime hour) =>
        string.Create(SupporterLanguage.Formatting, $"{hour:ddd d MMM, HH:mm}–{hour.AddHours(1):HH:mm}");

    private static string DayText(DateOnly day) => day.ToString("ddd d MMM yyyy", SupporterLanguage.Formatting);
}
