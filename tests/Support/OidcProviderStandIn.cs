using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PledgeBot.Tests.Support;

/// <summary>
/// A local stand-in for an organisation's OpenID Connect provider (Entra ID, Okta, Keycloak ...):
/// discovery, signing keys, an authorize endpoint that signs in whoever <see cref="User"/> says
/// and redirects back with a code, and a token endpoint that checks the code, the client secret
/// and the PKCE verifier before it returns an ID token signed with its own RSA key.
/// </summary>
public sealed class OidcProviderStandIn : IAsyncDisposable
{
    public const string ClientId = "pledgebot-admin-tests";
    public const string ClientSecret = "stand-in-client-secret";
    public const string DisplayName = "Contoso ID";
    private const string KeyId = "contoso-stand-in-key";

    private readonly RSA signingKey = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, Grant> grants = new();
    private LocalServer server = null!;

    public string Authority => server.BaseAddress;

    /// <summary>The claims of whoever signs in at the provider next (sub is required).</summary>
    public Dictionary<string, object> User { get; set; } = new() { ["sub"] = "nobody" };

    /// <summary>Changes these claims in the ID token after it is signed, as someone on the way would.</summary>
    public Dictionary<string, object>? TamperWith { get; set; }

    /// <summary>The code challenge methods the authorize requests asked for.</summary>
    public ConcurrentQueue<string> CodeChallengeMethods { get; } = new();

    /// <summary>How many codes were exchanged with the right PKCE verifier.</summary>
    public int VerifiedCodeExchanges => verifiedCodeExchanges;

    private int verifiedCodeExchanges;

    public static async Task<OidcProviderStandIn> StartAsync()
    {
        var standIn = new OidcProviderStandIn();
        standIn.server = await LocalServer.StartAsync(standIn.Map);
        return standIn;
    }

    /// <summary>The bot's settings that point its admin sign-in at this stand-in.</summary>
    public Dictionary<string, string?> AdminSettings(params string[] allowedAdmins)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Admin:Oidc:Authority"] = Authority,
            ["Admin:Oidc:ClientId"] = ClientId,
            ["Admin:Oidc:ClientSecret"] = ClientSecret,
            ["Admin:Oidc:DisplayName"] = DisplayName,
            // Plain http on loopback: the stand-in has no certificate.
            ["Admin:Oidc:RequireHttpsMetadata"] = "false",
        };
        for (var i = 0; i < allowedAdmins.Length; i++)
        {
            settings[$"Admin:Oidc:AllowedAdmins:{i}"] = allowedAdmins[i];
        }

        return settings;
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Authority,
            ["authorization_endpoint"] = $"{Authority}/authorize",
            ["token_endpoint"] = $"{Authority}/token",
            ["jwks_uri"] = $"{Authority}/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["response_modes_supported"] = new[] { "query" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "client_secret_basic" },
        }));
        app.MapGet("/jwks", () =>
        {
            var parameters = signingKey.ExportParameters(includePrivateParameters: false);
            return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = KeyId, n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) } } });
        });
        app.MapGet("/authorize", (HttpRequest request) =>
        {
            var query = request.Query;
            if (query["client_id"] != ClientId || query["response_type"] != "code" || string.IsNullOrEmpty(query["redirect_uri"]))
            {
                return Results.BadRequest("unknown client or flow");
            }

            CodeChallengeMethods.Enqueue(query["code_challenge_method"].ToString());
            var code = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24));
            grants[code] = new Grant(query["redirect_uri"]!, query["nonce"].ToString(), query["code_challenge"].ToString(), new Dictionary<string, object>(User));
            return Results.Redirect($"{query["redirect_uri"]}?code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(query["state"].ToString())}");
        });
        app.MapPost("/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            if (form["grant_type"] != "authorization_code"
                || !grants.TryRemove(form["code"].ToString(), out var grant)
                || form["redirect_uri"] != grant.RedirectUri
                || !ClientAuthenticated(request, form))
            {
                return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
            }

            var verifier = form["code_verifier"].ToString();
            if (verifier.Length == 0 || Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))) != grant.CodeChallenge)
            {
                return Results.Json(new { error = "invalid_grant", error_description = "PKCE verification failed" }, statusCode: 400);
            }

            Interlocked.Increment(ref verifiedCodeExchanges);
            var accessToken = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
            return Results.Json(new { access_token = accessToken, token_type = "Bearer", expires_in = 3600, id_token = IdToken(grant, accessToken) });
        });
    }

    private static bool ClientAuthenticated(HttpRequest request, IFormCollection form)
    {
        if (form["client_id"] == ClientId && form["client_secret"] == ClientSecret)
        {
            return true;
        }

        var basic = request.Headers.Authorization.ToString();
        return basic.StartsWith("Basic ", StringComparison.Ordinal)
            && Encoding.UTF8.GetString(Convert.FromBase64String(basic[6..])) == $"{Uri.EscapeDataString(ClientId)}:{Uri.EscapeDataString(ClientSecret)}";
    }

    private string IdToken(Grant grant, string accessToken)
    {
        var claims = new Dictionary<string, object>(grant.User)
        {
            ["nonce"] = grant.Nonce,
            // The left half of the access token's SHA-256, as OpenID Connect Core 3.1.3.6 asks.
            ["at_hash"] = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken)).AsSpan(0, 16)),
        };
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = ClientId,
            Claims = claims,
            IssuedAt = DateTime.UtcNow,
            NotBefore = DateTime.UtcNow.AddMinutes(-1),
            Expires = DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(signingKey) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256),
        });
        return TamperWith is null ? token : Tampered(token, TamperWith);
    }

    /// <summary>The same header and signature over a payload with other claims.</summary>
    private static string Tampered(string token, Dictionary<string, object> changes)
    {
        var parts = token.Split('.');
        var payload = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]))!.AsObject();
        foreach (var (name, value) in changes)
        {
            payload[name] = System.Text.Json.JsonSerializer.SerializeToNode(value);
        }

        return $"{parts[0]}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString()))}.{parts[2]}";
    }

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        signingKey.Dispose();
    }

    private sealed record Grant(string RedirectUri, string Nonce, string CodeChallenge, Dictionary<string, object> User);
}
