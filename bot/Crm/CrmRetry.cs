using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;

namespace PledgeBot.Crm;

/// <summary>
/// Two layers of retries, because a CRM's trouble comes in two sizes. Within one attempt, Polly
/// repeats a call that was throttled, failed on the server or got no answer a couple of times,
/// seconds apart (exponential backoff with jitter, honouring a short <c>Retry-After</c>). An
/// attempt that still fails is written down and tried again by the dispatcher minutes to an hour
/// later (<see cref="NextAttemptDelay"/>), across restarts, until <see cref="CrmOptions.MaxAttempts"/>.
/// </summary>
/// <remarks>
/// Unlike a chat message, every CRM call may be repeated after an unknown outcome: each carries an
/// idempotency key or addresses the person by a key the CRM matches on.
/// </remarks>
public static class CrmRetry
{
    public const int QuickRetries = 2;

    /// <summary>The longest wait inside one attempt; a CRM that asks for longer gets the dispatcher's later attempt instead.</summary>
    public static readonly TimeSpan QuickMaxDelay = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan FirstLaterAttempt = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LongestLaterAttempt = TimeSpan.FromHours(1);

    /// <summary>Polly's part: a timeout per call inside retries of the calls worth repeating at once.</summary>
    /// <param name="pace">The CRM's own limit of calls a second (<see cref="CrmRequestPace"/>), between the two: retries wait their turn, and the wait is no part of the call's time.</param>
    public static void Build(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, TimeSpan callTimeout, RateLimiter? pace = null)
    {
        pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = QuickRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromSeconds(1),
            MaxDelay = QuickMaxDelay,
            ShouldRetryAfterHeader = true,
            ShouldHandle = arguments => ValueTask.FromResult(ShouldRetryNow(arguments.Outcome)),
        });
        if (pace is not null)
        {
            pipeline.AddRateLimiter(pace);
        }

        pipeline.AddTimeout(callTimeout);
    }

    private static bool ShouldRetryNow(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Result: { } response } => (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)response.StatusCode >= 500)
            && !(RetryAfterHeader.Of(response) > QuickMaxDelay),
        { Exception: TimeoutRejectedException or HttpRequestException } => true,
        _ => false,
    };

    /// <summary>
    /// When the dispatcher tries a failed delivery again: about 30 s after the first failure, twice
    /// as long after each later one, at most an hour, each spread by a random half so that a CRM
    /// back from an outage is not hit by every waiting delivery in the same second; never sooner
    /// than the CRM's own <c>Retry-After</c>.
    /// </summary>
    public static TimeSpan NextAttemptDelay(int failedAttempts, TimeSpan? retryAfter)
    {
        var backoff = TimeSpan.FromTicks(Math.Min(LongestLaterAttempt.Ticks, FirstLaterAttempt.Ticks << Math.Clamp(failedAttempts - 1, 0, 20)));
        var jittered = backoff * (0.5 + (Random.Shared.NextDouble() / 2));
        return retryAfter is { } asked && asked > jittered ? asked : jittered;
    }
}
