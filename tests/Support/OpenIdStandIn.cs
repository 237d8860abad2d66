using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace PledgeBot.Tests.Support;

/// <summary>
/// A local stand-in for the Bot Framework's token metadata service (OpenID configuration and
/// signing keys), so the real token validation of the SDK runs without the internet. It signs
/// tokens the way the channel service does; the bot is pointed at it with the SDK's own setting
/// ToBotFromChannelOpenIdMetadataUrl.
/// </summary>
public sealed class OpenIdStandIn : IAsyncDisposable
{
    public const string ChannelIssuer = "https://api.botframework.com";
    private const string KeyId = "stand-in-key";

    private readonly RSA signingKey = RSA.Create(2048);
    private readonly WebApplication server;

    private OpenIdStandIn(WebApplication server) => this.server = server;

    public string MetadataUrl { get; private set; } = "";

    public static async Task<OpenIdStandIn> StartAsync()
    {
        var certificate = LocalCertificate.Create();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var standIn = new OpenIdStandIn(builder.Build());
        standIn.server.MapGet("/openid", (HttpContext context) => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = ChannelIssuer,
            ["jwks_uri"] = $"{standIn.BaseAddress}/keys",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["token_endpoint_auth_methods_supported"] = new[] { "private_key_jwt" },
        }));
        standIn.server.MapGet("/keys", () =>
        {
            var parameters = standIn.signingKey.ExportParameters(includePrivateParameters: false);
            return Results.Json(new Dictionary<string, object>
            {
                ["keys"] = new[]
                {
                    new Dictionary<string, object>
                    {
                        ["kty"] = "RSA",
                        ["use"] = "sig",
                        ["kid"] = KeyId,
                        ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                        ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                        ["endorsements"] = new[] { "emulator", "webchat", "msteams", "directline" },
                    },
                },
            });
        });
        await standIn.server.StartAsync();
        standIn.MetadataUrl = $"{standIn.BaseAddress}/openid";
        return standIn;
    }

    /// <summary>
    /// The SDK's own settings that point a bot at this stand-in. When any of them is set the SDK
    /// takes all of them from configuration, so the public cloud's values are repeated here.
    /// </summary>
    public Dictionary<string, string?> BotSettings(string appId) => new()
    {
        ["MicrosoftAppType"] = "MultiTenant",
        ["MicrosoftAppId"] = appId,
        ["MicrosoftAppPassword"] = "not-a-real-password",
        ["ToBotFromChannelOpenIdMetadataUrl"] = MetadataUrl,
        ["ToBotFromEmulatorOpenIdMetadataUrl"] = MetadataUrl,
        ["ToBotFromChannelTokenIssuer"] = ChannelIssuer,
        ["ToChannelFromBotLoginUrl"] = "https://login.microsoftonline.com/botframework.com",
        ["ToChannelFromBotOAuthScope"] = "https://api.botframework.com",
        ["OAuthUrl"] = "https://api.botframework.com",
        ["CallerId"] = "urn:botframework:azure",
        ["ValidateAuthority"] = "true",
    };

    private string BaseAddress => server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    /// <summary>A channel token as the Bot Framework service issues it, or a forged one signed by another key.</summary>
    public string IssueToken(string appId, string serviceUrl, DateTime? expires = null, bool forged = false)
    {
        var key = forged ? RSA.Create(2048) : signingKey;
        var credentials = new SigningCredentials(new RsaSecurityKey(key) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256);
        var notBefore = (expires ?? DateTime.UtcNow.AddHours(1)).AddHours(-2);
        var token = new JwtSecurityToken(
            issuer: ChannelIssuer,
            audience: appId,
            claims: [new Claim("serviceurl", serviceUrl)],
            notBefore: notBefore,
            expires: expires ?? DateTime.UtcNow.AddHours(1),
            signingCredentials: credentials);
        return new JwtSecurityTokenHandler().WriteToken(token);
    }

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        signingKey.Dispose();
    }
}
