using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using PledgeBot.Telemetry;

namespace PledgeBot.RateLimits;

/// <summary>
/// The one answer to a refused request: 429, Retry-After in whole seconds, and a problem body that
/// says when to come back (or the endpoint's <see cref="TooManyRequestsPage"/>, for a browser).
/// </summary>
public static class TooManyRequests
{
    /// <param name="limit">The limit that refused it, as the refusals metric names it.</param>
    public static IResult For(HttpContext context, RateLimitLease lease, string limit)
    {
        context.RequestServices.GetService<BotMetrics>()?.RateLimitRefused(limit);
        // Every limiter here says when a permit comes back; a minute is a fair guess should one not.
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (context.GetEndpoint()?.Metadata.GetMetadata<TooManyRequestsPage>() is { } page)
        {
            return page.Render(TimeSpan.FromSeconds(seconds));
        }

        return TypedResults.Problem(
            $"Too many requests. Please try again in {seconds} second{(seconds == 1 ? "" : "s")}.",
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests");
    }

    /// <summary>
    /// The limit the rate-limiting middleware refused with: the endpoint's policy, or else the one
    /// global limit (admin key requests). The middleware does not say which of the two refused when
    /// both apply, and the endpoint's policy is the likelier.
    /// </summary>
    public static string LimitOf(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName ?? "admin-key";
}
