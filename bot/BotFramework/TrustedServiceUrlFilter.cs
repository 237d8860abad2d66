using System.Net;
using Microsoft.Extensions.Options;

namespace PledgeBot.BotFramework;

/// <summary>
/// Without an app id nothing proves who posted an activity, yet the bot answers by calling the
/// activity's serviceUrl (with retries), so anyone could make it call any address. Then only
/// loopback (the Emulator, local tools) and the addresses in Channels:TrustedServiceUrls are
/// accepted; any other is refused before a turn runs: nothing stored, nothing sent. That holds for
/// expectReplies too, whose replies travel in the response: the serviceUrl is the conversation's
/// address, and whatever the bot later sends there on its own (a proactive message, a card
/// update) would go to it.
/// </summary>
/// <remarks>
/// With an app id the SDK checks the channel's signed token, whose serviceurl claim must equal
/// the activity's serviceUrl, so no address list is needed (and Teams' regional addresses are not
/// ours to list).
/// </remarks>
public sealed class TrustedServiceUrlFilter(IConfiguration configuration, IOptions<ChannelsOptions> options) : IEndpointFilter
{
    private readonly bool authenticated = !string.IsNullOrEmpty(configuration["MicrosoftAppId"]);

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var envelope = context.HttpContext.Features.Get<ActivityEnvelope>()!;
        if (authenticated || IsTrusted(envelope.ServiceUrl))
        {
            return next(context);
        }

        return ValueTask.FromResult<object?>(TypedResults.Problem(
            "This bot does not answer at the activity's serviceUrl. Without an app id it answers only loopback addresses and those in Channels:TrustedServiceUrls.",
            statusCode: StatusCodes.Status403Forbidden,
            title: "Untrusted serviceUrl"));
    }

    private bool IsTrusted(Uri serviceUrl) =>
        serviceUrl.IsLoopback
        || (IPAddress.TryParse(serviceUrl.IdnHost, out var address) && IPAddress.IsLoopback(address))
        || options.Value.TrustedServiceUrls.Any(trusted => IsUnder(serviceUrl, trusted));

    private static bool IsUnder(Uri serviceUrl, Uri trusted) =>
        Uri.Compare(serviceUrl, trusted, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0
        && serviceUrl.AbsolutePath.StartsWith(trusted.AbsolutePath, StringComparison.Ordinal);
}
