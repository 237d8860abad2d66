using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace PledgeBot.BotFramework;

/// <summary>
/// When a message to a channel is sent again, and how long the bot waits first. Teams answers
/// 429 (sometimes 412, 502, 503 or 504) when a bot goes too fast and asks for exponential
/// backoff with jitter, honouring Retry-After.
/// </summary>
/// <remarks>
/// A message the channel accepted must never arrive twice, so nothing else is retried: not other
/// statuses, not a timeout, not a connection that broke after the request went out (the channel
/// may have taken it). Only those answers, which say the message was not taken, and failures to
/// reach the channel at all.
/// </remarks>
public static class ChannelRetry
{
    /// <summary>The first retry waits about this long, each later one about twice as long as the one before.</summary>
    public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);

    /// <summary>No single wait is longer. A channel that asks for a longer one gets its answer passed on at once.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A message is given up after this long, queueing and retries included: longer than the
    /// retries' own waits (by default 4, each at most 10 s) and than the 15 s the Bot Framework
    /// gives a turn, and within HttpClient's own 100 s timeout.
    /// </summary>
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(60);

    // Teams' "slow down, try again" answers.
    private static readonly HashSet<HttpStatusCode> RetryableStatuses =
    [
        HttpStatusCode.TooManyRequests,
        HttpStatusCode.PreconditionFailed,
        HttpStatusCode.BadGateway,
        HttpStatusCode.ServiceUnavailable,
        HttpStatusCode.GatewayTimeout,
    ];

    public static HttpRetryStrategyOptions Strategy(int maxRetries) => new()
    {
        MaxRetryAttempts = maxRetries,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        Delay = FirstDelay,
        MaxDelay = MaxDelay,
        ShouldRetryAfterHeader = true,
        ShouldHandle = arguments => ValueTask.FromResult(ShouldRetry(arguments.Outcome)),
    };

    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        // Polly waits for Retry-After exactly (MaxDelay caps only its own backoff), so a longer
        // one is not retried at all.
        { Result: { } response } => RetryableStatuses.Contains(response.StatusCode) && !(RetryAfterHeader.Of(response) > MaxDelay),
        // Errors before the request could reach the channel. (SocketsHttpHandler itself resends a
        // request that found its pooled connection closed before anything went out.)
        { Exception: HttpRequestException
        {
            HttpRequestError: HttpRequestError.NameResolutionError
                or HttpRequestError.ConnectionError
                or HttpRequestError.SecureConnectionError
                or HttpRequestError.ProxyTunnelError
        } } => true,
        _ => false,
    };
}
