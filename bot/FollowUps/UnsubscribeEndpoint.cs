using PledgeBot.ChatPage;
using PledgeBot.Dialogs.Content;
using PledgeBot.SharePage;
using PledgeBot.Storage;

namespace PledgeBot.FollowUps;

/// <summary>
/// /unsubscribe?token=...: the link at the end of a follow-up email and in its List-Unsubscribe
/// header. GET shows a page with a button and changes nothing, because mail filters and link
/// scanners open links on their own. POST (the button, or a mail client's one-click unsubscribe
/// with <c>List-Unsubscribe=One-Click</c>, RFC 8058) ends the person's follow-ups as "stop" does,
/// and says so again to a second POST. The token is checked before the database is touched; a
/// bad one gets a page that says so, never an error.
/// </summary>
public sealed class UnsubscribeEndpoint(
    CurrentCampaign campaign,
    UnsubscribeTokens tokens,
    IFollowUps followUps,
    ChatPageAssets assets,
    SharePageTheme theme,
    TimeProvider clock,
    ILogger<UnsubscribeEndpoint> logger)
{
    /// <summary>The channel written in the withdrawal's consent record.</summary>
    public const string Channel = "email";

    /// <summary>The button's form or a mail client's one field (about 30 bytes); room to spare, nothing more.</summary>
    public const long FormBytes = 1024;

    public IResult Ask(HttpContext context) => TokenOf(context) is { } token && tokens.Read(token) is not null
        ? UnsubscribePage.Ask(context, campaign.Content, token, assets.ShareStylesUrl, theme.Url)
        : UnsubscribePage.InvalidLink(context, campaign.Content, assets.ShareStylesUrl, theme.Url);

    public async Task<IResult> UnsubscribeAsync(HttpContext context)
    {
        // The body is the RFC's one fixed field, which says nothing the token does not: the token
        // alone decides, so the page's button and every mail client are served alike.
        if (tokens.Read(TokenOf(context)) is not { } unsubscribe)
        {
            return UnsubscribePage.InvalidLink(context, campaign.Content, assets.ShareStylesUrl, theme.Url);
        }

        if (await followUps.WithdrawAsync(unsubscribe.CampaignId, unsubscribe.PersonKey, Channel, clock.GetUtcNow(), context.RequestAborted))
        {
            logger.LogInformation("Follow-ups ended by an email's unsubscribe link");
        }

        return UnsubscribePage.Unsubscribed(context, campaign.Content, assets.ShareStylesUrl, theme.Url);
    }

    private static string? TokenOf(HttpContext context) => context.Request.Query["token"] is { Count: 1 } values ? values[0] : null;
}
