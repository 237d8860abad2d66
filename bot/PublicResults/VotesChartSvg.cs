using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace PledgeBot.PublicResults;

/// <summary>
/// A bar chart of a vote series drawn on the server as inline SVG, so it needs no script and no
/// inline style (its colours come from the stylesheet). It is a picture with a short text
/// alternative; every figure it shows is also in the table that follows it.
/// </summary>
public static class VotesChartSvg
{
    private const int BarWidth = 10;
    private const int Gap = 2;
    private const int Height = 100;

    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    /// <param name="id">Unique on the page: the chart's title and description are named after it.</param>
    public static string Render(string id, string title, string description, IReadOnlyList<int> votes)
    {
        var highest = Math.Max(1, votes.DefaultIfEmpty(0).Max());
        var width = Math.Max(1, votes.Count * BarWidth);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"""<svg class="results-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {Height}" preserveAspectRatio="none" role="img" aria-labelledby="{id}-title {id}-desc" focusable="false">""");
        svg.Append(CultureInfo.InvariantCulture, $"""<title id="{id}-title">{Html.Encode(title)}</title><desc id="{id}-desc">{Html.Encode(description)}</desc>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<line class="results-chart-axis" x1="0" y1="{Height}" x2="{width}" y2="{Height}"/>""");
        for (var i = 0; i < votes.Count; i++)
        {
            if (votes[i] == 0)
            {
                continue;
            }

            // At least one unit tall, so that a single vote beside a busy hour is still seen.
            var height = Math.Max(1, (int)Math.Round((double)votes[i] * Height / highest));
            svg.Append(CultureInfo.InvariantCulture,
                $"""<rect class="results-chart-bar" x="{i * BarWidth + Gap / 2}" y="{Height - height}" width="{BarWidth - Gap}" height="{height}"/>""");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }
}
