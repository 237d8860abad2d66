using PledgeBot.Dialogs.Content;
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
            ConfirmationPageKind.Confirmed => (StatusCodes.Status200OK, "Your pledge is confirmed", new[]
            {
                "Thank you! Your email address is confirmed, and your pledge now counts among the confirmed ones.",
            }),
            ConfirmationPageKind.AlreadyConfirmed => (StatusCodes.Status200OK, "Your pledge is already confirmed", new[]
            {
                "This link has been used already, and your pledge is confirmed. There is nothing more to do.",
            }),
            ConfirmationPageKind.Expired => (StatusCodes.Status410Gone, "This link has expired", new[]
            {
                $"Confirmation links work for {(linkDays == 1 ? "1 day" : $"{linkDays} days")}. Your pledge is still recorded, but not confirmed yet.",
                "To get a new link, take the pledge again in the chat with the same email address: it still counts once, and we send you a fresh link.",
            }),
            ConfirmationPageKind.NothingStored => (StatusCodes.Status404NotFound, "Nothing is stored for this link", new[]
            {
                "The pledge this link was for has been erased, so there is nothing to confirm and nothing about you is kept.",
                "You are welcome to take the pledge again in the chat.",
            }),
            _ => (StatusCodes.Status400BadRequest, "This link does not work", new[]
            {
                "It may have been cut short or changed when it was copied. Please open the link from the email again, exactly as it is.",
                "If it still does not work, take the pledge again in the chat with the same email address: it still counts once, and we send you a fresh link.",
            }),
        };

        var body = string.Join("\n", paragraphs.Select(p => $"<p>{MessagePage.Html.Encode(p)}</p>"))
            + "\n<p class=\"share-action\"><a class=\"share-cta\" href=\"/\">Back to the chat</a></p>";
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
