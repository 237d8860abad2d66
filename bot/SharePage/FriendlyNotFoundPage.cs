using System.Text.Encodings.Web;
using System.Text.Unicode;
using PledgeBot.Dialogs.Content;

namespace PledgeBot.SharePage;

/// <summary>
/// The public pages' friendly 404, in the share pages' look: the campaign's name, what was not
/// found, and the way into the chat. Callers pass only the campaign's own words and links, never
/// anything from the request.
/// </summary>
public static class FriendlyNotFoundPage
{
    public static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    /// <param name="what">What was not found, in plain words ("page", "cause").</param>
    /// <param name="moreHtml">Further paragraphs, already HTML (built from the campaign's own texts, encoded).</param>
    public static IResult Render(HttpContext context, CampaignContent content, string stylesUrl, string themeUrl, string what, string moreHtml)
    {
        var campaign = Html.Encode(content.Title);
        var page = $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex">
            <title>{char.ToUpperInvariant(what[0])}{what[1..]} not found – {campaign}</title>
            <link rel="icon" href="data:,">
            <link rel="stylesheet" href="{Html.Encode(stylesUrl)}">
            <link rel="stylesheet" href="{Html.Encode(themeUrl)}">
            </head>
            <body>
            <header class="share-header">
            <p class="share-campaign"><a href="/">{campaign}</a></p>
            </header>
            <main class="share-main share-not-found">
            <h1>We couldn't find that {what}</h1>
            {moreHtml}
            </main>
            </body>
            </html>

            """;
        context.Response.Headers.CacheControl = "no-cache";
        return Results.Content(page, "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
    }
}
