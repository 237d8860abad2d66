using System.Text.Encodings.Web;
using System.Text.Unicode;
using PledgeBot.Dialogs.Content;
using PledgeBot.Pages;

namespace PledgeBot.SharePage;

/// <summary>
/// Writes a cause's share page: readable without JavaScript (there is none), with the Open Graph
/// and Twitter card tags link previews read. Every value is HTML-encoded; the only values that
/// come from the request are a cause found in the content and a referral code already checked.
/// </summary>
public static class SharePageHtml
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    /// <param name="chatPath">Where "Talk to the campaign" leads (relative, carrying a checked referral code or none).</param>
    public static string Render(
        CampaignContent content, Cause cause, CauseCounts counts, SharePageLinks links, string chatPath, string stylesUrl, string themeUrl)
    {
        var campaign = Html.Encode(content.Title);
        var title = Html.Encode(cause.Title);
        var summary = Html.Encode(cause.Summary);
        var alt = Html.Encode(cause.Image.AltText);
        var pageUrl = Html.Encode(links.PageUrl(cause, content).AbsoluteUri);
        var cardUrl = Html.Encode(links.CardImageUrl(cause, content).AbsoluteUri);
        var cardAlt = Html.Encode($"{cause.Title}: {counts.Describe()}. {cause.Image.AltText}");

        var pledgeItem = cause.Pledge is null || counts.Pledges is not { } pledges
            ? ""
            : $"""<li>{PageText.StrongCountHtml(pledges, PageWords.PledgeTakenOne, PageWords.PledgeTakenOther, Html.Encode(cause.Pledge.Title))}{Confirmed(counts)}</li>""";

        return $$"""
            <!DOCTYPE html>
            <html {{PageLanguage.HtmlAttributes(content)}}>
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{title}} – {{campaign}}</title>
            <meta name="description" content="{{summary}}">
            <meta name="theme-color" content="{{content.Theme.AccentColor}}">
            <link rel="canonical" href="{{pageUrl}}">
            <link rel="icon" href="data:,">
            <link rel="stylesheet" href="{{Html.Encode(stylesUrl)}}">
            <link rel="stylesheet" href="{{Html.Encode(themeUrl)}}">
            <meta property="og:type" content="website">
            <meta property="og:site_name" content="{{campaign}}">
            <meta property="og:title" content="{{title}}">
            <meta property="og:description" content="{{summary}}">
            <meta property="og:url" content="{{pageUrl}}">
            <meta property="og:image" content="{{cardUrl}}">
            <meta property="og:image:type" content="image/png">
            <meta property="og:image:width" content="{{ShareCardRenderer.Width}}">
            <meta property="og:image:height" content="{{ShareCardRenderer.Height}}">
            <meta property="og:image:alt" content="{{cardAlt}}">
            {{PageLanguage.AlternatesHtml(content, links.PageUrl(cause).AbsoluteUri)}}
            <meta name="twitter:card" content="summary_large_image">
            <meta name="twitter:title" content="{{title}}">
            <meta name="twitter:description" content="{{summary}}">
            <meta name="twitter:image" content="{{cardUrl}}">
            <meta name="twitter:image:alt" content="{{cardAlt}}">
            </head>
            <body>
            <header class="share-header">
            <p class="share-campaign"><a href="{{Html.Encode(PageLanguage.InLanguage("/", content))}}">{{campaign}}</a></p>
            </header>
            <main class="share-main">
            <article class="share-cause">
            <img class="share-image" src="{{Html.Encode(SharePageLinks.ImagePath(cause))}}" alt="{{alt}}">
            <div class="share-body">
            <h1>{{title}}</h1>
            <p class="share-summary">{{summary}}</p>
            <section class="share-counts" aria-labelledby="share-counts-heading">
            <h2 id="share-counts-heading">{{Html.Encode(PageWords.SupportSoFar)}}</h2>
            {{(counts.TalliesHidden ? $"<p>{Html.Encode(PageWords.TalliesHiddenUntilClose)}.</p>" : "")}}
            <ul>
            {{(counts.TalliesHidden ? "" : VoteItems(counts))}}
            {{pledgeItem}}
            </ul>
            {{(counts.TalliesHidden ? "" : $"""<progress class="share-bar" max="100" value="{counts.Percent}" aria-label="{Html.Encode(PageWords.ShareBarLabel)}">{Html.Encode(PageText.Percent(counts.Percent))}</progress>""")}}
            </section>
            <p class="share-action"><a class="share-cta" href="{{Html.Encode(chatPath)}}">{{Html.Encode(PageWords.TalkToTheCampaign)}}</a></p>
            </div>
            </article>
            </main>
            <footer class="share-footer"><a href="{{Html.Encode(PageLanguage.InLanguage("/privacy", content))}}">{{Html.Encode(PageWords.PrivacyAndTerms)}}</a></footer>
            </body>
            </html>

            """;
    }

    private static string Confirmed(CauseCounts counts) =>
        counts.ConfirmedPledges is { } confirmed ? " " + Html.Encode(PageText.Format(PageWords.ConfirmedCount, PageText.Number(confirmed))) : "";

    private static string VoteItems(CauseCounts counts) => $"""
        <li>{PageText.StrongCountHtml(counts.Votes, PageWords.VotesForThisCauseOne, PageWords.VotesForThisCauseOther)}</li>
        <li>{PageText.FormatHtml(
            counts.TotalVotes == 1 ? PageWords.ShareOfAllVotesOne : PageWords.ShareOfAllVotesOther,
            $"<strong>{Html.Encode(PageText.Percent(counts.Percent))}</strong>",
            PageText.Number(counts.TotalVotes))}</li>
        """;
}
