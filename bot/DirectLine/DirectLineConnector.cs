using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using PledgeBot.Privacy;

namespace PledgeBot.DirectLine;

/// <summary>
/// The built-in Direct Line's side of the channel protocol. The bot answers a channel by posting
/// to the activity's serviceUrl (/v3/conversations/...), so our serviceUrl points back at this
/// host. The path carries a key derived from the server secret: only the bot, which reads it from
/// the activity, can post into a conversation; the key never reaches a browser. Instances sharing
/// the secret share the key, so a reply (or a proactive message from a stored serviceUrl) is taken
/// by whichever instance it reaches, also after a restart.
/// </summary>
public sealed class DirectLineConnector(DirectLineOptions options, IServer server, ServerSecret secret)
{
    public const string RoutePrefix = "/v3/directline/connector";

    private readonly string key = Base64Url.EncodeToString(secret.DeriveKey("directline-connector"));

    public string ServiceUrl => $"{BaseAddress().AbsoluteUri.TrimEnd('/')}{RoutePrefix}/{key}/";

    public bool IsOwnKey(string candidate) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), Encoding.UTF8.GetBytes(key));

    private Uri BaseAddress()
    {
        if (options.ConnectorBaseUrl is not null)
        {
            return options.ConnectorBaseUrl;
        }

        // The address Kestrel actually listens on; wildcard hosts are reached through loopback.
        var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses
            .FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            ?? server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The host has no listening address for the built-in Direct Line; set DirectLine:ConnectorBaseUrl.");
        var uri = new UriBuilder(listening.Replace("://+", "://localhost").Replace("://*", "://localhost"));
        if (uri.Host is "0.0.0.0" or "[::]" or "::")
        {
            uri.Host = "localhost";
        }

        return uri.Uri;
    }
}
