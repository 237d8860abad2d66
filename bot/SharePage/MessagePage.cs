using System.Text.Encodings.Web;
using System.Text.Unicode;
using PledgeBot.Dialogs.Content;
using PledgeBot.Pages;

namespace PledgeBot.SharePage;

/// <summary>
/// A short page in the share pages' look (their stylesheet and theme): the campaign's name, a
/// heading, a few paragraphs. The friendly 404s and the confirmation link's answers are such
/// pages. Callers pass only the campaign's own words, encoded; nothing from the request.
/// </summary>
public static class MessagePage
{
    public static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    /// <param name="title">The page's title, before the campaign's name.</param>
    /// <param name="headingHtml">The heading, already HTML (the campaign's fixed words may carry an apostrophe as it is).</param>
    /// <param name="bodyHtml">What follows the heading, already HTML.</param>
    /// <param name="noReferrer">For an address that carries a secret (a confirmation token): links from the page do not pass it on.</param>
    /// <param name="withFooter">Ends the page with the link to the privacy statement.</param>
    public static string Write(
        CampaignContent content, string stylesUrl, string themeUrl, string title, string headingHtml, string bodyHtml,
        bool noReferrer = false, bool withFooter = false)
    {
        var campaign = Html.Encode(content.Title);
        return $"""
            <!DOCTYPE html>
            <html {PageLanguage.HtmlAttributes(content)}>
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex">
            {(noReferrer ? """<meta name="referrer" content="no-referrer">""" : "")}
            <title>{Html.Encode(title)} – {campaign}</title>
            <link rel="icon" href="data:,">
            <link rel="stylesheet" href="{Html.Encode(stylesUrl)}">
            <link rel="stylesheet" href="{Html.Encode(themeUrl)}">
            </head>
            <body>
            <header class="share-header">
            <p class="share-campaign"><a href="{Html.Encode(PageLanguage.InLanguage("/", content))}">{campaign}</a></p>
            </header>
            <main class="share-main share-not-found">
            <h1>{headingHtml}</h1>
            {bodyHtml}
            </main>
            {(withFooter ? $"""<footer class="share-footer"><a href="{Html.Encode(PageLanguage.InLanguage("/privacy", content))}">{Html.Encode(PageWords.PrivacyAndTerms)}</a></footer>""" : "")}
            </body>
            </html>

            """;
    }
}
