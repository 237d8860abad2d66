using PledgeBot.Dialogs.Content;
using PledgeBot.Pages;
using PledgeBot.SharePage;

namespace PledgeBot.FollowUps;

/// <summary>
/// The pages of an unsubscribe link, in the share pages' look: the question with its button, the
/// answer once unsubscribed, and the one for a link that was cut short or altered. The only thing
/// from the request written into a page is a token already found to be ours; the page never hands
/// it on (no caching, no referrer).
/// </summary>
public static class UnsubscribePage
{
    /// <summary>GET: what the button will do, and the button, which posts what a mail client posts.</summary>
    public static IResult Ask(HttpContext context, CampaignContent content, string token, string stylesUrl, string themeUrl)
    {
        var action = PageLanguage.InLanguage($"/{FollowUpEmailMessages.UnsubscribePath}?token={Uri.EscapeDataString(token)}", content);
        var body = $"""
            <p>{Encode(PageText.Format(FollowUpEmailWords.StopQuestion, content.Title))}</p>
            <form method="post" action="{Encode(action)}">
            <input type="hidden" name="{FollowUpEmailMessages.OneClickField}" value="{FollowUpEmailMessages.OneClickValue}">
            <p class="share-action"><button class="share-cta" type="submit">{Encode(FollowUpEmailWords.StopButton)}</button></p>
            </form>
            """;
        return Render(context, content, StatusCodes.Status200OK, FollowUpEmailWords.StopHeading, body, stylesUrl, themeUrl);
    }

    /// <summary>POST: unsubscribed, whether just now or before.</summary>
    public static IResult Unsubscribed(HttpContext context, CampaignContent content, string stylesUrl, string themeUrl) =>
        Render(context, content, StatusCodes.Status200OK, FollowUpEmailWords.StoppedHeading, Paragraph(FollowUpEmailWords.StoppedText) + BackToTheChat(content), stylesUrl, themeUrl);

    public static IResult InvalidLink(HttpContext context, CampaignContent content, string stylesUrl, string themeUrl) =>
        Render(context, content, StatusCodes.Status400BadRequest, FollowUpEmailWords.InvalidLinkHeading, Paragraph(FollowUpEmailWords.InvalidLinkText) + BackToTheChat(content), stylesUrl, themeUrl);

    private static IResult Render(HttpContext context, CampaignContent content, int status, string heading, string body, string stylesUrl, string themeUrl)
    {
        var page = MessagePage.Write(content, stylesUrl, themeUrl, title: heading, Encode(heading), body, noReferrer: true, withFooter: true);
        // The address carries the token: no cache may keep the page or hand it to someone else.
        context.Response.Headers.CacheControl = "no-store";
        return Results.Content(page, "text/html; charset=utf-8", statusCode: status);
    }

    private static string Paragraph(string words) => $"<p>{Encode(words)}</p>";

    private static string BackToTheChat(CampaignContent content) =>
        $"\n<p class=\"share-action\"><a class=\"share-cta\" href=\"{Encode(PageLanguage.InLanguage("/", content))}\">{Encode(PageWords.BackToTheChat)}</a></p>";

    private static string Encode(string text) => PageText.WordsHtml(text);
}
