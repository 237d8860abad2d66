using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
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
    private LocalServer server = null!;

    public string MetadataUrl => $"{server.BaseAddress}/openid";

    public static async Task<OpenIdStandIn> StartAsync()
    {
        var standIn = new OpenIdStandIn();
        standIn.server = await LocalServer.StartAsync(app => standIn.Map(app), https: true);
        return standIn;
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/openid", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = ChannelIssuer,
            ["jwks_uri"] = $"{server.BaseAddress}/keys",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["token_endpoint_auth_methods_supported"] = new[] { "private_key_jwt" },
        }));
        app.MapGet("/keys", () =>
        {
            var parameters = signingKey.ExportParameters(includePrivateParameters: false);
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
