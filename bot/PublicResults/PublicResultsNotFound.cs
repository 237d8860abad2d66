using System.Text.Encodings.Web;
using System.Text.Unicode;
using PledgeBot.Dialogs.Content;

namespace PledgeBot.PublicResults;

/// <summary>The friendly 404 for any address under /results/: it repeats nothing from the request and leads to the results and the chat.</summary>
public static class PublicResultsNotFound
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public static IResult Render(HttpContext context, CampaignContent content, string stylesUrl, string themeUrl)
    {
        var campaign = Html.Encode(content.Title);
        var page = $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex">
            <title>Page not found – {campaign}</title>
            <link rel="icon" href="data:,">
            <link rel="stylesheet" href="{Html.Encode(stylesUrl)}">
            <link rel="stylesheet" href="{Html.Encode(themeUrl)}">
            </head>
            <body>
            <header class="share-header">
            <p class="share-campaign"><a href="/">{campaign}</a></p>
            </header>
            <main class="share-main share-not-found">
            <h1>We couldn't find that page</h1>
            <p>The link may be old or mistyped. The campaign's results are at <a href="/results">/results</a>.</p>
            <p class="share-action"><a class="share-cta" href="/">Talk to the campaign</a></p>
            </main>
            </body>
            </html>

            """;
        context.Response.Headers.CacheControl = "no-cache";
        return Results.Content(page, "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
    }
}
