using System.Threading.RateLimiting;

namespace PledgeBot.BotFramework;

/// <summary>
/// The channels' limits as rate limiters, one set per host, shared by every handler the
/// HttpClient factory builds (it replaces handlers every few minutes; the pace must outlive
/// them). Each limiter has a partition per conversation or tenant; idle ones are dropped.
/// </summary>
public sealed class ChannelPace : IDisposable
{
    // A sliding window gives a permit back when the segment it was used in leaves the window,
    // so up to one segment early. Thirteen segments of 100 ms give it back after more than 1.2 s:
    // any one second stays within the limit, with 200 ms to spare for messages that the network
    // or a busy machine bunches together on their way. A burst of up to the limit goes at once.
    private static readonly TimeSpan ConversationSegment = TimeSpan.FromMilliseconds(100);
    private const int ConversationSegmentsPerWindow = 13;

    // The tenant's limit is what a follow-up to thousands of people runs at, so its window is
    // tighter: fifty-five segments of 20 ms give a permit back after 1.08 to 1.1 s, about 46 of
    // the 50 a second sustained, with 80 ms to spare for bunching. And its requests go out one at
    // a time, spread out at 1.25 times the limit's pace (one per 16 ms tick at 50): fifty let go
    // at once take a busy machine long enough on their way that the last of them arrive bunched
    // with the next second's first.
    private static readonly TimeSpan TenantSegment = TimeSpan.FromMilliseconds(20);
    private const int TenantSegmentsPerWindow = 55;
    private const double TenantSpacingFactor = 1.25;

    // About ten seconds of messages; more than that waiting for one conversation is a runaway loop.
    private const int QueuedSecondsPerConversation = 10;

    public ChannelPace(int messagesPerSecondPerConversation, int requestsPerSecondPerTenant)
    {
        ConversationTurns = PartitionedRateLimiter.Create<HttpRequestMessage, string>(request =>
            ChannelPacingHandler.ConversationKey(request) is { } conversation
                ? RateLimitPartition.GetConcurrencyLimiter(conversation, _ => new ConcurrencyLimiterOptions
                {
                    PermitLimit = 1,
                    QueueLimit = messagesPerSecondPerConversation * QueuedSecondsPerConversation,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                })
                : RateLimitPartition.GetNoLimiter(string.Empty));

        ConversationMessages = PartitionedRateLimiter.Create<HttpRequestMessage, string>(request =>
            ChannelPacingHandler.ConversationKey(request) is { } conversation
                ? RateLimitPartition.Get(conversation, _ => new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
                {
                    PermitLimit = messagesPerSecondPerConversation,
                    Window = ConversationSegment * ConversationSegmentsPerWindow,
                    SegmentsPerWindow = ConversationSegmentsPerWindow,
                    // Only the conversation's one turn holder ever waits here, for a permit to come back.
                    QueueLimit = 1,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                    // Each limiter's own timer, not the partitioned limiter's coarser shared one, so
                    // that segments last 100 ms and not sometimes twice that.
                    AutoReplenishment = true,
                }))
                : RateLimitPartition.GetNoLimiter(string.Empty));

        TenantTurns = PartitionedRateLimiter.Create<HttpRequestMessage, string>(request =>
            TeamsTenantOfRequest.Of(request) is { } tenant
                ? RateLimitPartition.GetConcurrencyLimiter(tenant, _ => new ConcurrencyLimiterOptions
                {
                    PermitLimit = 1,
                    // A request is given up after a minute anyway (ChannelRetry.GiveUpAfter), so a
                    // longer queue would only hold doomed ones.
                    QueueLimit = requestsPerSecondPerTenant * (int)ChannelRetry.GiveUpAfter.TotalSeconds,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                })
                : RateLimitPartition.GetNoLimiter(string.Empty));

        TenantRequests = PartitionedRateLimiter.Create<HttpRequestMessage, string>(request =>
            TeamsTenantOfRequest.Of(request) is { } tenant
                ? RateLimitPartition.Get(tenant, _ => new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
                {
                    PermitLimit = requestsPerSecondPerTenant,
                    Window = TenantSegment * TenantSegmentsPerWindow,
                    SegmentsPerWindow = TenantSegmentsPerWindow,
                    // Only the tenant's one turn holder ever waits here.
                    QueueLimit = 1,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                    AutoReplenishment = true,
                }))
                : RateLimitPartition.GetNoLimiter(string.Empty));

        // Whole milliseconds, at least one: a limiter's timer counts in milliseconds, and a period of none would never repeat.
        var spacing = TimeSpan.FromMilliseconds(Math.Max(1, Math.Floor(1000 / (requestsPerSecondPerTenant * TenantSpacingFactor))));
        TenantSpacing = PartitionedRateLimiter.Create<HttpRequestMessage, string>(request =>
            TeamsTenantOfRequest.Of(request) is { } tenant
                ? RateLimitPartition.Get(tenant, _ => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
                {
                    TokenLimit = 1,
                    TokensPerPeriod = 1,
                    ReplenishmentPeriod = spacing,
                    QueueLimit = 1,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                    // Its own timer: the partitioned limiter's shared one ticks only every 100 ms.
                    AutoReplenishment = true,
                }))
                : RateLimitPartition.GetNoLimiter(string.Empty));
    }

    /// <summary>One request per conversation at a time takes its permits, so that its messages keep their order.</summary>
    public PartitionedRateLimiter<HttpRequestMessage> ConversationTurns { get; }

    /// <summary>Messages per conversation and second (Teams: 7).</summary>
    public PartitionedRateLimiter<HttpRequestMessage> ConversationMessages { get; }

    /// <summary>One request per tenant at a time takes its permits, in order.</summary>
    public PartitionedRateLimiter<HttpRequestMessage> TenantTurns { get; }

    /// <summary>Requests per Teams tenant and second (Teams: 50 per app).</summary>
    public PartitionedRateLimiter<HttpRequestMessage> TenantRequests { get; }

    /// <summary>The least time between two of a tenant's requests.</summary>
    public PartitionedRateLimiter<HttpRequestMessage> TenantSpacing { get; }

    public void Dispose()
    {
        ConversationTurns.Dispose();
        ConversationMessages.Dispose();
        TenantTurns.Dispose();
        TenantRequests.Dispose();
        TenantSpacing.Dispose();
    }
}
