using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace PledgeBot.Admin.Dashboard;

/// <summary>
/// Every dashboard figure as an accessible table (caption, column and row headers). The page's
/// script (web/admin-dashboard.js) fills the same tables, by the same ids and in the same words,
/// from <c>/admin/api/results</c> every 15 seconds; keep the two in step.
/// </summary>
public static class AdminDashboardTables
{
    public static string Render(AdminResults results)
    {
        var figures = results.Public;
        var html = new StringBuilder();
        html.Append(Table("causes", "Votes per cause: every vote counted, one per person.", ["Cause", "Votes", "Share"],
            figures.Causes.Select(c => Row(c.Title, Optional(c.Votes), c.Percent is { } percent ? $"{percent}%" : "hidden"))));
        var goals = new List<string[]> { Row("Votes", Number(figures.Votes.Total), Number(figures.Votes.Goal.Target), $"{figures.Votes.Goal.Percent}%") };
        goals.AddRange(figures.Pledges.Select(p => Row(p.Title, Number(p.Total), Number(p.Goal.Target), $"{p.Goal.Percent}%")));
        html.Append(Table("goals", "Progress to each goal.", ["Goal", "Count", "Target", "Reached"], goals));
        html.Append(Table("pledges", "Pledges per pledge: taken, of which confirmed (email address confirmed) and unconfirmed.", ["Pledge", "Taken", "Confirmed", "Unconfirmed"],
            figures.Pledges.Select(p => Row(p.Title, Number(p.Total), Optional(p.Confirmed), Optional(p.Total - p.Confirmed)))));
        html.Append(Table("funnel", FunnelCaption, ["Step", "People"],
            [
                Row("Joined", Number(results.Funnel.Joined)),
                Row("Read a story", Number(results.Funnel.ReadAStory)),
                Row("Voted", Number(results.Funnel.Voted)),
                Row("Pledged", Number(results.Funnel.Pledged)),
                Row("Confirmed", Optional(results.Funnel.Confirmed)),
                Row("Shared", Number(results.Funnel.Shared)),
            ]));
        html.Append(Table("channels", $"Votes per channel; fewer than {results.SmallSegmentThreshold} are not shown exactly.", ["Channel", "Votes"],
            results.Channels.Select(c => Row(ChannelName(c.Channel), Segment(c.Votes)))));
        html.Append(Table("referrals", $"Share links: per referral code and cause, the visits, votes and pledges they brought; fewer than {results.SmallSegmentThreshold} votes or pledges are not shown exactly.",
            ["Referral code", "Cause", "Visits", "Votes", "Pledges"],
            results.Referrals.Select(r => Row(r.Code, r.CauseId, Number(r.Visits), Segment(r.Votes), Segment(r.Pledges)))));
        html.Append(Table("per-day", "Votes per day (UTC), by when each was cast.", ["Day", "Votes"],
            figures.VotesPerDay.Select(d => Row(d.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Number(d.Votes)))));
        html.Append(Table("per-hour", "Votes per hour (UTC) over the last 48 hours.", ["Hour", "Votes"],
            figures.VotesPerHour.Select(h => Row(h.Hour.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC", Number(h.Votes)))));
        return html.ToString();
    }

    /// <summary>The caption says what "shared" can mean, since the bot never sees a share link being sent.</summary>
    public const string FunnelCaption =
        "The funnel: how many people reached each step, each counted once. Pledged counts pledges; Confirmed is “not counted” while double opt-in is off. "
        + "Shared counts people who asked for a share card: whether they then sent it by email, WhatsApp or another app, the bot cannot see.";

    public static string ChannelName(string channel) => channel switch
    {
        AdminResultsReader.Teams => "Teams",
        AdminResultsReader.WebChat => "Web chat",
        _ => "Other",
    };

    private static string[] Row(params string[] cells) => cells;

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Optional(long? value) => value is { } number ? Number(number) : "not counted";

    private static string Segment(SegmentCount segment) =>
        segment.Count is { } count ? Number(count) : $"fewer than {segment.FewerThan}";

    /// <summary>The first cell of each row is its header; the chart beside a table draws the same rows.</summary>
    private static string Table(string id, string caption, string[] headers, IEnumerable<string[]> rows)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <section aria-labelledby="{id}-caption">
              <table id="{id}-table">
                <caption id="{id}-caption">{Encode(caption)}</caption>
                <thead><tr>{string.Concat(headers.Select(h => $"<th scope=\"col\">{Encode(h)}</th>"))}</tr></thead>
                <tbody>
            """);
        foreach (var row in rows)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{Encode(row[0])}</th>{string.Concat(row.Skip(1).Select(cell => $"<td>{Encode(cell)}</td>"))}</tr>\n");
        }

        html.Append("</tbody>\n  </table>\n");
        html.Append(CultureInfo.InvariantCulture, $"""  <canvas id="{id}-chart" role="img" aria-label="Chart of the table above"></canvas>""");
        html.Append("\n</section>\n");
        return html.ToString();
    }

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);
}
