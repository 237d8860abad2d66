using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Identity;
using PledgeBot.Security;

namespace PledgeBot.ChatPage;

/// <summary>
/// GET /, /?cause=id and /?cause=id&amp;r=code: the campaign's chat page, opening on that cause's
/// story when the id is known, and crediting the share link's referral code when it is well-formed.
/// </summary>
public static class ChatPageEndpoint
{
    public const string DirectLineTokenUrl = "/api/directline/token";

    public static IResult Render(HttpContext context, string? cause, string? r, CurrentCampaign campaign, ChatPageAssets assets)
    {
        var content = campaign.Content;
        // Only ids from the content reach the page; anything else (a typo, an old link, a crafted
        // address) opens on the welcome card like a plain visit.
        var knownCause = content.FindCause(cause)?.Id;
        var theme = content.Theme;
        var config = new ChatPageConfig(
            DirectLineTokenUrl,
            knownCause,
            context.GetStyleNonce(),
            new ChatPageTheme(theme.AccentColor, theme.BackgroundColor, theme.TextOnBackgroundColor),
            // The same goes for a referral code: ours are 10 characters of one alphabet, anything else is dropped.
            PersonKeyHasher.IsWellFormedReferralCode(r) ? r : null,
            content.Language,
            WebChatLocale.For(content.Language),
            content.IsRightToLeft ? "rtl" : "ltr",
            WebChatLocale.Words());

        // The page carries this response's nonce; a cached copy would replay it.
        context.Response.Headers.CacheControl = "no-store";
        return Results.Content(ChatPageHtml.Render(content, config, assets), "text/html; charset=utf-8");
    }
}
