using PledgeBot.ChatPage;
using PledgeBot.Dialogs.Content;
using PledgeBot.Referrals;

namespace PledgeBot.SharePage;

/// <summary>
/// GET /c/{causeId}[?r=code]: the page a share link opens. Unknown ids get the friendly 404; an
/// <c>r</c> that is not an issued referral code is ignored and never written into the page.
/// </summary>
public sealed class SharePageEndpoint(
    CurrentCampaign campaign,
    CauseCountsReader counts,
    SharePageLinks links,
    ChatPageAssets assets,
    SharePageTheme theme,
    ReferralVisits referralVisits)
{
    public async Task<IResult> HandleAsync(HttpContext context, string? causeId)
    {
        var content = campaign.Content;
        var cause = content.FindCause(causeId);
        if (cause is null)
        {
            return NotFound(context);
        }

        // A code nobody was issued is treated as no code: nothing stored, nothing carried on.
        var referralCode = await referralVisits.RecordVisitAsync(ReferralCodeFormat.Read(context.Request.Query), cause.Id, context.RequestAborted);

        var now = await counts.ReadAsync(cause, context.RequestAborted);
        var html = SharePageHtml.Render(
            content, cause, now, links, SharePageLinks.ChatPath(cause, referralCode, content), assets.ShareStylesUrl, theme.Url);

        // Live counts, but a burst of visits from one shared post may be served from caches for a minute.
        context.Response.Headers.CacheControl = "public, max-age=60";
        return Results.Content(html, "text/html; charset=utf-8");
    }

    public IResult NotFound(HttpContext context) => SharePageNotFound.Render(context, campaign.Content, assets.ShareStylesUrl, theme.Url);
}
