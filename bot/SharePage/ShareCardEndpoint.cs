using Microsoft.Net.Http.Headers;
using PledgeBot.Dialogs.Content;

namespace PledgeBot.SharePage;

/// <summary>
/// GET /c/{causeId}/card.png: the cause's preview picture for link previews, from the in-memory
/// cache, with an ETag (a 304 when the client already has it) and five minutes of public caching.
/// </summary>
public sealed class ShareCardEndpoint(CurrentCampaign campaign, CauseCountsReader counts, ShareCardCache cache, SharePageEndpoint pages)
{
    public const string CacheControl = "public, max-age=300";

    public async Task<IResult> HandleAsync(HttpContext context, string? causeId)
    {
        var content = campaign.Content;
        var cause = content.FindCause(causeId);
        if (cause is null)
        {
            return pages.NotFound(context);
        }

        var picture = await cache.GetAsync(content, cause, await counts.ReadAsync(cause, context.RequestAborted), context.RequestAborted);
        var headers = context.Response.Headers;
        headers.ETag = picture.ETag;
        headers.CacheControl = CacheControl;
        if (ClientHas(context.Request, picture.ETag))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(picture.Png, "image/png");
    }

    private static bool ClientHas(HttpRequest request, string etag)
    {
        var current = new EntityTagHeaderValue(etag);
        return request.GetTypedHeaders().IfNoneMatch is { Count: > 0 } tags
            && tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(current, useStrongComparison: false));
    }
}
