using PledgeBot.Dialogs.Content;
using PledgeBot.Pages;

namespace PledgeBot.SharePage;

/// <summary>
/// The public pages' friendly 404: what was not found, and the way into the chat. Callers pass
/// only the campaign's own words and links, never anything from the request.
/// </summary>
public static class FriendlyNotFoundPage
{
    /// <param name="title">The page's title, such as "Cause not found", in the page's language.</param>
    /// <param name="heading">Its heading, such as "We couldn't find that cause".</param>
    /// <param name="moreHtml">Further paragraphs, already HTML (built from the campaign's own texts, encoded).</param>
    public static IResult Render(HttpContext context, CampaignContent content, string stylesUrl, string themeUrl, string title, string heading, string moreHtml)
    {
        var page = MessagePage.Write(content, stylesUrl, themeUrl, title, headingHtml: PageText.WordsHtml(heading), moreHtml);
        context.Response.Headers.CacheControl = "no-cache";
        return Results.Content(page, "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
    }
}
