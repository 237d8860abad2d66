using System.Net;
using Microsoft.Extensions.Options;

namespace PledgeBot.BotFramework;

/// <summary>
/// Without an app id nothing proves who posts an activity: whoever can reach /api/messages could
/// speak as any user of any channel (vote as a thousand people, read someone's "my data", erase
/// them). That mode is for local use (the Emulator, tools on the same machine), so then only the
/// local machine is answered; a request from another address, or one a reverse proxy forwarded
/// (it carries Forwarded or X-Forwarded-For), gets 403 before anything runs. With an app id the
/// SDK checks the channel's signed token instead.
/// </summary>
public sealed class LocalCallerFilter(IConfiguration configuration, IOptions<ChannelsOptions> options) : IEndpointFilter
{
    private readonly bool authenticated = !string.IsNullOrEmpty(configuration["MicrosoftAppId"]);

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (authenticated || options.Value.AllowRemoteCallersWithoutAppId || IsLocal(context.HttpContext))
        {
            return next(context);
        }

        return ValueTask.FromResult<object?>(TypedResults.Problem(
            "Without an app id (MicrosoftAppId) this bot answers /api/messages from the local machine only. Set the app id to take activities from channels.",
            statusCode: StatusCodes.Status403Forbidden,
            title: "Not a local caller"));
    }

    private static bool IsLocal(HttpContext context)
    {
        var headers = context.Request.Headers;
        if (headers.ContainsKey("Forwarded") || headers.ContainsKey("X-Forwarded-For"))
        {
            return false;
        }

        // No address at all is an in-process caller (the test host); an address must be loopback.
        var address = context.Connection.RemoteIpAddress;
        return address is null || IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
    }
}
