using System.Text.Encodings.Web;
using System.Text.Unicode;
using PledgeBot.Dialogs.Content;

namespace PledgeBot.SharePage;

/// <summary>
/// The friendly 404 for any address under /c/ that names no cause (an old link, a typo, a crafted
/// path). It repeats nothing from the request: only the campaign's own titles and links.
/// </summary>
public static class SharePageNotFound
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public static IResult Render(HttpContext context, CampaignContent content, string stylesUrl, string themeUrl)
    {
        var campaign = Html.Encode(content.Title);
        var causes = string.Join("\n", content.Causes.Select(c =>
            $"""<li><a href="/c/{Html.Encode(Uri.EscapeDataString(c.Id))}">{Html.Encode(c.Title)}</a></li>"""));
        var page = $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex">
            <title>Cause not found – {campaign}</title>
            <link rel="icon" href="data:,">
            <link rel="stylesheet" href="{Html.Encode(stylesUrl)}">
            <link rel="stylesheet" href="{Html.Encode(themeUrl)}">
            </head>
            <body>
            <header class="share-header">
            <p class="share-campaign"><a href="/">{campaign}</a></p>
            </header>
            <main class="share-main share-not-found">
            <h1>We couldn't find that cause</h1>
            <p>The link may be old or mistyped. You can still read every story and have your say in the chat.</p>
            <p class="share-action"><a class="share-cta" href="/">Talk to the campaign</a></p>
            <h2>The causes</h2>
            <ul>
            {causes}
            </ul>
            </main>
            </body>
            </html>

            """;
        context.Response.Headers.CacheControl = "no-cache";
        return Results.Content(page, "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
    }
}
