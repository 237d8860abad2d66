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
/// Both permits are taken together, just before the request goes out. A permit is counted when
/// it is taken, so one taken early and then held while waiting for the other limit would be
/// counted in a second the request is not sent in, and requests that waited could then go out
/// bunched beyond the limit. So a conversation's messages take turns (one at a time, oldest
/// first, in a bounded queue: when it is full the message fails rather than wait without end);
/// the one whose turn it is waits until its conversation has a permit free, without taking it,
/// then waits for its tenant's permit, then takes the conversation's permit, which nobody else
/// can have taken meanwhile. A busy conversation thus has at most one request waiting for its
/// tenant and never holds back other conversations.
/// </para>
/// </remarks>
public sealed class ChannelPacingHandler(ChannelPace pace) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await TeamsTenantOfRequest.ReadAsync(request, cancellationToken);
        if (ConversationKey(request) is null)
        {
            using (await TenantPermitAsync(request, cancellationToken))
            {
            }
        }
        else
        {
            using var turn = await pace.ConversationTurns.AcquireAsync(request, permitCount: 1, cancellationToken);
            if (!turn.IsAcquired)
            {
                throw NotSent("Too many messages are waiting to be sent to this conversation; this one was not sent.");
            }

            await TakeConversationAndTenantPermitsAsync(request, cancellationToken);
        }

        return await base.SendAsync(request, cancellationToken);
    }

    private async Task TakeConversationAndTenantPermitsAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        while (true)
        {
            while (pace.ConversationMessages.GetStatistics(request) is { CurrentAvailablePermits: 0 })
            {
                // Asking for no permits waits until the window moves on, and takes nothing.
                using var _ = await pace.ConversationMessages.AcquireAsync(request, permitCount: 0, cancellationToken);
            }

            using (await TenantPermitAsync(request, cancellationToken))
            using (var message = pace.ConversationMessages.AttemptAcquire(request, permitCount: 1))
            {
                if (message.IsAcquired)
                {
                    return;
                }

                // Only when the conversation's limiter was dropped as idle during a long wait for
                // the tenant and a new one is not yet there: the tenant's permit is lost, the
                // limits still hold.
            }
        }
    }

    private async Task<RateLimitLease> TenantPermitAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var lease = await pace.TenantRequests.AcquireAsync(request, permitCount: 1, cancellationToken);
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            throw NotSent("Too many requests are waiting to be sent in this organisation; this one was not sent.");
        }

        return lease;
    }

    private static HttpRequestException NotSent(string message) =>
        new(HttpRequestError.Unknown, message, statusCode: HttpStatusCode.TooManyRequests);

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
