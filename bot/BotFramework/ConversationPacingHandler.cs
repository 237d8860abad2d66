using System.Net;
using System.Threading.RateLimiting;

namespace PledgeBot.BotFramework;

/// <summary>
/// Holds back what the bot posts to one conversation so that no more than the channel allows
/// reaches it in any one second (Teams: 7). Waiting here costs only what the limit demands;
/// learning the limit from the channel costs a 429, a Retry-After of a second or more, and a
/// retry that may be throttled again.
/// </summary>
/// <remarks>
/// Only POSTs to <c>.../v3/conversations/{id}/activities[/{replyToId}]</c> are paced, per
/// channel address and conversation; anything else (Bot Framework token requests, updates,
/// other clients' calls) passes straight through. The handler sits inside the retry handler, so
/// retries wait their turn too. A message waits in a bounded queue, oldest first so a
/// conversation's messages keep their order; when the queue is full the message fails rather
/// than wait without end.
/// </remarks>
public sealed class ConversationPacingHandler(PartitionedRateLimiter<HttpRequestMessage> pace) : DelegatingHandler
{
    // A sliding window gives a permit back when the segment it was used in leaves the window,
    // so up to one segment early. Thirteen segments of 100 ms give it back after more than 1.2 s:
    // any one second stays within the limit, with 200 ms to spare for requests that the network
    // or a busy machine bunches together on their way. A burst of up to the limit goes at once.
    private static readonly TimeSpan Segment = TimeSpan.FromMilliseconds(100);
    private const int SegmentsPerWindow = 13;

    // About ten seconds of messages; more than that waiting for one conversation is a runaway loop.
    private const int QueuedSecondsPerConversation = 10;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (var lease = await pace.AcquireAsync(request, permitCount: 1, cancellationToken))
        {
            if (!lease.IsAcquired)
            {
                throw new HttpRequestException(
                    HttpRequestError.Unknown,
                    "Too many messages are waiting to be sent to this conversation; this one was not sent.",
                    statusCode: HttpStatusCode.TooManyRequests);
            }
        }

        return await base.SendAsync(request, cancellationToken);
    }

    /// <summary>
    /// One limiter per conversation, shared by every handler the HttpClient factory builds (it
    /// replaces handlers every few minutes; the pace must outlive them). Idle ones are dropped.
    /// </summary>
    public static PartitionedRateLimiter<HttpRequestMessage> CreateLimiter(int messagesPerSecond) =>
        PartitionedRateLimiter.Create<HttpRequestMessage, string>(request => ConversationKey(request) is { } conversation
            ? RateLimitPartition.Get(conversation, _ => new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
            {
                PermitLimit = messagesPerSecond,
                Window = Segment * SegmentsPerWindow,
                SegmentsPerWindow = SegmentsPerWindow,
                QueueLimit = messagesPerSecond * QueuedSecondsPerConversation,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                // Each limiter's own timer, not the partitioned limiter's coarser shared one, so
                // that segments last 100 ms and not sometimes twice that.
                AutoReplenishment = true,
            }))
            : RateLimitPartition.GetNoLimiter(string.Empty));

    /// <summary>The channel's address and the conversation id of a message post, or null for any other request.</summary>
    public static string? ConversationKey(HttpRequestMessage request)
    {
        if (request.Method != HttpMethod.Post || request.RequestUri is not { IsAbsoluteUri: true } uri)
        {
            return null;
        }

        // The serviceUrl may carry a path of its own (the built-in Direct Line's does), so look
        // for the Bot Connector's route anywhere in the path.
        var segments = uri.AbsolutePath.Split('/');
        for (var i = 0; i + 3 < segments.Length; i++)
        {
            if (segments[i].Equals("v3", StringComparison.OrdinalIgnoreCase)
                && segments[i + 1].Equals("conversations", StringComparison.OrdinalIgnoreCase)
                && segments[i + 2].Length > 0
                && segments[i + 3].Equals("activities", StringComparison.OrdinalIgnoreCase))
            {
                return $"{uri.GetLeftPart(UriPartial.Authority)}/{segments[i + 2]}";
            }
        }

        return null;
    }
}
