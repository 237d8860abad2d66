using System.Net;
using System.Threading.RateLimiting;

namespace PledgeBot.BotFramework;

/// <summary>
/// Holds back what the bot sends to a channel so that no more than the channel allows reaches
/// it in any one second: per conversation (Teams: 7 messages) and per Teams tenant (50 requests
/// for the app). Waiting here costs only what the limits demand; learning them from the channel
/// costs a 429, a Retry-After of a second or more, and a retry that may be throttled again.
/// </summary>
/// <remarks>
/// <para>
/// POSTs to <c>.../v3/conversations/{id}/activities[/{replyToId}]</c> are paced per channel
/// address and conversation; every connector request that names a tenant
/// (<see cref="TeamsTenantOfRequest"/>) is paced per tenant; anything else (Bot Framework token
/// requests, other channels' other calls) passes straight through. The handler sits inside the
/// retry handler, so retries wait their turn too.
/// </para>
/// <para>
/// All permits are taken together, just before the request goes out. A permit is counted when
/// it is taken, so one taken early and then held while waiting for another limit would be
/// counted in a second the request is not sent in, and requests that waited could then go out
/// bunched beyond the limit. So requests take turns, a conversation's and then a tenant's (one
/// at a time, oldest first, in a bounded queue: when it is full the request fails rather than
/// wait without end). The conversation's turn holder waits until its conversation has a permit
/// free, without taking it; then, as the tenant's turn holder, until the tenant's spacing lets
/// it go and the tenant's second has room; then it takes the permits it saw free, which nobody
/// else can have taken meanwhile. A busy conversation has at most one request waiting for its
/// tenant and never holds back other conversations.
/// </para>
/// </remarks>
public sealed class ChannelPacingHandler(ChannelPace pace) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var tenant = await TeamsTenantOfRequest.ReadAsync(request, cancellationToken);
        var conversation = ConversationKey(request);
        using (var conversationTurn = conversation is null ? null : await TurnAsync(pace.ConversationTurns, request, cancellationToken))
        {
            if (conversation is not null)
            {
                await WaitUntilFreeAsync(pace.ConversationMessages, request, cancellationToken);
            }

            using (tenant is null ? null : await TurnAsync(pace.TenantTurns, request, cancellationToken))
            {
                if (tenant is not null)
                {
                    await WaitUntilFreeAsync(pace.TenantSpacing, request, cancellationToken);
                    using var permit = await pace.TenantRequests.AcquireAsync(request, permitCount: 1, cancellationToken);
                    if (!permit.IsAcquired)
                    {
                        throw NotSent();
                    }

                    await TakeFreePermitAsync(pace.TenantSpacing, request, cancellationToken);
                }

                if (conversation is not null)
                {
                    await TakeFreePermitAsync(pace.ConversationMessages, request, cancellationToken);
                }
            }
        }

        return await base.SendAsync(request, cancellationToken);
    }

    private static async Task<RateLimitLease> TurnAsync(PartitionedRateLimiter<HttpRequestMessage> turns, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var turn = await turns.AcquireAsync(request, permitCount: 1, cancellationToken);
        if (!turn.IsAcquired)
        {
            turn.Dispose();
            throw NotSent();
        }

        return turn;
    }

    // Asking for no permits waits until the limiter gives some back, and takes nothing. Only the
    // turn holder asks, so what it sees free stays free until it takes it.
    private static async Task WaitUntilFreeAsync(PartitionedRateLimiter<HttpRequestMessage> limiter, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        while (limiter.GetStatistics(request) is { CurrentAvailablePermits: 0 })
        {
            using var _ = await limiter.AcquireAsync(request, permitCount: 0, cancellationToken);
        }
    }

    private static async Task TakeFreePermitAsync(PartitionedRateLimiter<HttpRequestMessage> limiter, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var permit = limiter.AttemptAcquire(request, permitCount: 1);
        if (!permit.IsAcquired)
        {
            // Only when the partition was dropped as idle during a long wait and a new one is not
            // there yet: wait for it rather than go without.
            using var late = await limiter.AcquireAsync(request, permitCount: 1, cancellationToken);
        }
    }

    private static HttpRequestException NotSent() =>
        new(HttpRequestError.Unknown, "Too many requests are waiting to be sent to this conversation or organisation; this one was not sent.", statusCode: HttpStatusCode.TooManyRequests);

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
