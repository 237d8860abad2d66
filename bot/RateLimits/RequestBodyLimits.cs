using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace PledgeBot.RateLimits;

/// <summary>
/// The largest request bodies the host takes. Kestrel refuses a larger body with 413 while it
/// arrives, before anything buffers it. Endpoints that take a body name their own limit
/// (<c>RequestSizeLimitAttribute</c>); everything else gets <see cref="Default"/> instead of
/// Kestrel's 30 MB.
/// </summary>
/// <remarks>
/// Kestrel applies a limit only when the endpoint reads the body; an endpoint that takes none
/// would otherwise answer 200 to a request carrying megabytes. <see cref="UseRequestBodyLimits"/>
/// refuses a declared Content-Length over the endpoint's limit before the endpoint runs.
/// </remarks>
public static class RequestBodyLimits
{
    /// <summary>
    /// Endpoints that name no limit of their own. Above the built-in Direct Line's own limit on a
    /// posted activity (64 KB by default), which answers first with its own problem message.
    /// </summary>
    public const long Default = 256 * 1024;

    /// <summary>The chat page asks for a token with an empty POST.</summary>
    public const long ChatTokenBytes = 1024;

    /// <summary>Pages and pictures are read with GET and HEAD.</summary>
    public const long NoBody = 0;

    public static IServiceCollection AddRequestBodyLimits(this IServiceCollection services) =>
        services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = Default);

    /// <summary>413 with a problem body for a request that announces more than its endpoint takes (routing has set the endpoint's limit by now).</summary>
    public static IApplicationBuilder UseRequestBodyLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false, MaxRequestBodySize: { } limit }
            && context.Request.ContentLength > limit)
        {
            await TypedResults.Problem(
                limit == 0 ? "This address takes no request body." : $"The request body is larger than {(limit % 1024 == 0 ? $"{limit / 1024} KB" : $"{limit} bytes")}.",
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Too large").ExecuteAsync(context);
            return;
        }

        await next(context);
    });
}
