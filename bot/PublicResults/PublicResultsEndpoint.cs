using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Net.Http.Headers;
using PledgeBot.ChatPage;
using PledgeBot.Dialogs.Cards;
using PledgeBot.Dialogs.Content;
using PledgeBot.SharePage;

namespace PledgeBot.PublicResults;

/// <summary>
/// GET /results (the page) and /results.json (the same figures for other tools). Both read the
/// figures afresh, may be cached by anyone for <see cref="MaxAgeSeconds"/> seconds, and carry an
/// ETag of their body, so a client that has the current answer gets a 304 without it. Neither
/// reads the query string: whatever it holds is ignored and never written back.
/// </summary>
public sealed class PublicResultsEndpoint(
    PublicResultsReader reader,
    CurrentCampaign campaign,
    CardSettings settings,
    SharePageLinks links,
    ChatPageAssets assets,
    SharePageTheme theme)
{
    /// <summary>Short enough that a new vote shows within half a minute, long enough that a crowd opening one shared link is served by caches.</summary>
    public const int MaxAgeSeconds = 30;

    public async Task<IResult> PageAsync(HttpContext context)
    {
        var figures = await reader.ReadAsync(context.RequestAborted);
        var html = PublicResultsHtml.Render(
            figures, campaign.Content, settings.ResultsPageUrl, links, LeadingCause(figures), assets.ShareStylesUrl, theme.Url);
        return Cached(context, Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8");
    }

    public async Task<IResult> JsonAsync(HttpContext context)
    {
        var figures = await reader.ReadAsync(context.RequestAborted);
        return Cached(context, JsonSerializer.SerializeToUtf8Bytes(figures, JsonSerializerOptions.Web), "application/json; charset=utf-8");
    }

    public IResult NotFound(HttpContext context) => PublicResultsNotFound.Render(context, campaign.Content, assets.ShareStylesUrl, theme.Url);

    /// <summary>The cause with the most votes (the first in the content on a tie, or while nobody has voted): its share picture previews the link.</summary>
    private Cause LeadingCause(PublicResultsFigures figures)
    {
        var content = campaign.Content;
        var leader = figures.Causes.Aggregate((best, next) => next.Votes > best.Votes ? next : best);
        return content.FindCause(leader.Id) ?? content.Causes[0];
    }

    private static IResult Cached(HttpContext context, byte[] body, string contentType)
    {
        context.Response.Headers.CacheControl = $"public, max-age={MaxAgeSeconds}";
        var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(body))[..20]}\"");
        // The framework's file result answers If-None-Match with a 304 and HEAD without a body.
        return TypedResults.Bytes(body, contentType, entityTag: etag);
    }
}
