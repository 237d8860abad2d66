using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace PledgeBot.DirectLine;

/// <summary>
/// The built-in Direct Line's side of the channel protocol. The bot answers a channel by posting
/// to the activity's serviceUrl (/v3/conversations/...), so our serviceUrl points back at this
/// host. The path carries a random key made at start-up: only the bot, which reads it from the
/// activity, can post into a conversation; the key never reaches a browser.
/// </summary>
public sealed class DirectLineConnector(DirectLineOptions options, IServer server)
{
    public const string RoutePrefix = "/v3/directline/connector";

    private readonly string key = Base64UrlEncode(RandomNumberGenerator.GetBytes(24));

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

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
