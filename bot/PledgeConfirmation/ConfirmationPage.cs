using PledgeBot.Dialogs.Content;
using PledgeBot.Pages;
using PledgeBot.SharePage;

namespace PledgeBot.PledgeConfirmation;

/// <summary>
/// The page a confirmation link opens, in the share pages' look (their stylesheet and theme).
/// It says what happened in plain words and leads back to the chat; nothing from the request is
/// written into it, and it never gives the token away (no caching, no referrer).
/// </summary>
public static class ConfirmationPage
{
    public static IResult Render(HttpContext context, CampaignContent content, ConfirmationPageKind kind, int linkDays, string stylesUrl, string themeUrl)
    {
        var (status, heading, paragraphs) = kind switch
        {
            ConfirmationPageKind.Confirmed => (StatusCodes.Status200OK, PageWords.ConfirmedHeading, new[] { PageWords.ConfirmedText }),
            ConfirmationPageKind.AlreadyConfirmed => (StatusCodes.Status200OK, PageWords.AlreadyConfirmedHeading, new[] { PageWords.AlreadyConfirmedText }),
            ConfirmationPageKind.Expired => (StatusCodes.Status410Gone, PageWords.ExpiredHeading, new[]
            {
                PageText.Count(linkDays, PageWords.ExpiredTextOne, PageWords.ExpiredTextOther),
                PageWords.GetANewLink,
            }),
            ConfirmationPageKind.NothingStored => (StatusCodes.Status404NotFound, PageWords.NothingStoredHeading, new[]
            {
                PageWords.NothingStoredText,
                PageWords.TakeThePledgeAgain,
            }),
            _ => (StatusCodes.Status400BadRequest, PageWords.InvalidLinkHeading, new[]
            {
                PageWords.InvalidLinkText,
                PageWords.StillDoesNotWork,
            }),
        };

        var body = string.Join("\n", paragraphs.Select(p => $"<p>{MessagePage.Html.Encode(p)}</p>"))
            + $"\n<p class=\"share-action\"><a class=\"share-cta\" href=\"{MessagePage.Html.Encode(PageLanguage.InLanguage("/", content))}\">{MessagePage.Html.Encode(PageWords.BackToTheChat)}</a></p>";
        var page = MessagePage.Write(content, stylesUrl, themeUrl, title: heading, MessagePage.Html.Encode(heading), body, noReferrer: true, withFooter: true);
        // The address carries the token: no cache may keep the page or hand it to someone else.
        context.Response.Headers.CacheControl = "no-store";
        return Results.Content(page, "text/html; charset=utf-8", statusCode: status);
    }
}

public enum ConfirmationPageKind
{
    Confirmed,
    AlreadyConfirmed,
    Expired,
    NothingStored,
    InvalidLink,
}
