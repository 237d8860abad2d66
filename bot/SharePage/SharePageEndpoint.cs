using PledgeBot.ChatPage;
using PledgeBot.Dialogs.Content;

namespace PledgeBot.SharePage;

/// <summary>
/// GET /c/{causeId}[?r=code]: the page a share link opens. Unknown ids get the friendly 404; an
/// <c>r</c> that is not a well-formed referral code is ignored and never written into the page.
/// </summary>
public sealed class SharePageEndpoint(
    CampaignContent content,
    CauseCountsReader counts,
    SharePageLinks links,
    ChatPageAssets assets,
    SharePageTheme theme)
{
    public async Task<IResult> HandleAsync(HttpContext context, string? causeId)
    {
        var cause = content.FindCause(causeId);
        if (cause is null)
        {
            return NotFound(context);
        }

        var referralCode = ReferralCodeFormat.Read(context.Request.Query);
        if (referralCode is not null)
        {
            // Referral visits: count this visit here once IReferralStore exists (inject it above), e.g.
            // await referrals.RecordVisitAsync(content.Id, cause.Id, referralCode, context.RequestAborted);
        }

        var now = await counts.ReadAsync(cause, context.RequestAborted);
        var html = SharePageHtml.Render(
            content, cause, now, links, SharePageLinks.ChatPath(cause, referralCode), assets.ShareStylesUrl, theme.Url);

        // Live counts, but a burst of visits from one shared post may be served from caches for a minute.
        context.Response.Headers.CacheControl = "public, max-age=60";
        return Results.Content(html, "text/html; charset=utf-8");
    }

    public IResult NotFound(HttpContext context) => SharePageNotFound.Render(context, content, assets.ShareStylesUrl, theme.Url);
}
