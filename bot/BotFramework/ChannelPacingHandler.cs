namespace PledgeBot.BotFramework;

/// <summary>
/// Holds back what the bot sends to a channel so that no more than the channel allows reaches
/// it in any one second: per conversation (Teams: 7 messages) and per Teams tenant (50 requests
/// for the app). Waiting here costs only what the limits demand; learning them from the channel
/// costs a 429, a Retry-After of a second or more, and a retry that may be throttled again.
/// </summary>
/// <remarks>
/// POSTs to <c>.../v3/conversations/{id}/activities[/{replyToId}]</c> are paced per channel
/// address and conversation; every connector request that names a tenant
/// (<see cref="TeamsTenantOfRequest"/>) is paced per tenant; anything else (Bot Framework token
/// requests, other channels' other calls) passes straight through. The handler sits inside the
/// retry handler, so retries wait their turn too. A message holds its conversation's turn until it
/// has its tenant's place as well, so that a conversation's messages keep their order while its
/// tenant is busy, and a busy conversation has at most one request waiting for its tenant.
/// </remarks>
public sealed class ChannelPacingHandler(ChannelPace pace) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var tenant = await TeamsTenantOfRequest.ReadAsync(request, cancellationToken);
        var conversation = ConversationKey(request);
        using var conversationPlace = conversation is null ? null : await pace.Conversations.ReserveAsync(conversation, cancellationToken);
        using var tenantPlace = tenant is null ? null : await pace.Tenants.ReserveAsync(tenant, cancellationToken);
        conversationPlace?.LetNextIn();
        tenantPlace?.LetNextIn();
        // Disposed when the answer is back: from then on the request's second counts.
        return await base.SendAsync(request, cancellationToken);
    }

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
