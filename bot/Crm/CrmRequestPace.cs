using System.Threading.RateLimiting;

namespace PledgeBot.Crm;

/// <summary>
/// Holds back a CRM's calls so that no more than it allows reach it in any one second (Action
/// Network: 4). Waiting here costs only what the limit demands; learning the limit from the CRM
/// costs a 429, a second's wait and a retry that may be throttled again.
/// </summary>
/// <remarks>
/// The pace sits inside the quick retries (each retry waits its turn) and outside the timeout per
/// call (waiting for a turn is not the CRM being slow). Calls wait in order, never refused: at
/// most one call per delivery in flight waits, so the queue is never longer than the
/// destination's in-flight limit.
/// </remarks>
public static class CrmRequestPace
{
    // A token bucket refills on its own timer, whenever a use came: a full bucket spent at once
    // and refilled a moment later lets twice the limit through within one second. A sliding
    // window gives a permit back only when the segment it was used in leaves the window, up to
    // one segment early; thirteen segments of 100 ms give it back after more than 1.2 s, so any
    // one second stays within the limit with 200 ms to spare for calls the network bunches
    // together (as ChannelPace does for the channels).
    private static readonly TimeSpan Segment = TimeSpan.FromMilliseconds(100);
    private const int SegmentsPerWindow = 13;

    /// <summary>A limiter for one CRM, shared by every handler the HttpClient factory builds: the pace must outlive them.</summary>
    public static RateLimiter Create(int requestsPerSecond, int maxInFlight) => new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
    {
        PermitLimit = requestsPerSecond,
        Window = Segment * SegmentsPerWindow,
        SegmentsPerWindow = SegmentsPerWindow,
        QueueLimit = maxInFlight,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    });
}
