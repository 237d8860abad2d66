using System.Globalization;
using System.Threading.RateLimiting;

namespace PledgeBot.RateLimits;

/// <summary>
/// The one answer to a refused request: 429, Retry-After in whole seconds, and a problem body that
/// says when to come back (or the endpoint's <see cref="TooManyRequestsPage"/>, for a browser).
/// </summary>
public static class TooManyRequests
{
    public static IResult For(HttpContext context, RateLimitLease lease)
    {
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
}
