using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using PledgeBot.Storage;

namespace PledgeBot.Admin;

/// <summary>
/// <c>Authorization: Bearer &lt;admin key&gt;</c>, for tools that read the admin JSON and CSV.
/// The key is compared in constant time (as SHA-256 digests, so its length leaks nothing either).
/// </summary>
public sealed class AdminKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggers,
    UrlEncoder encoder,
    IOptions<AdminOptions> admin,
    IFailedSignInLog failures)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggers, encoder)
{
    public const string SchemeName = "AdminKey";

    /// <summary>Who an admin signed in with the key is, in the audit log.</summary>
    public const string KeyHolder = "admin key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        if (Matches(admin.Value.Key, header["Bearer ".Length..].Trim()))
        {
            return AuthenticateResult.Success(new AuthenticationTicket(AdminPrincipal(KeyHolder, SchemeName), SchemeName));
        }

        // Other addresses take bearer tokens of their own (the built-in Direct Line's); only a
        // wrong key offered to the admin area is a failed sign-in.
        if (Request.Path.StartsWithSegments("/admin"))
        {
            await failures.RecordAsync(AsBearerToken, Context.RequestAborted);
        }

        return AuthenticateResult.Fail("The admin key does not match.");
    }

    /// <summary>How a wrong bearer key is named in the audit log's failed sign-ins.</summary>
    public const string AsBearerToken = "with the admin key as a bearer token";

    /// <summary>True when <paramref name="offered"/> is the configured key; false when no key is configured.</summary>
    public static bool Matches(string? configured, string? offered) =>
        !string.IsNullOrEmpty(configured)
        && offered is not null
        && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(configured)),
            SHA256.HashData(Encoding.UTF8.GetBytes(offered)));

    public static ClaimsPrincipal AdminPrincipal(string name, string scheme) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, AdminAccess.Role)], scheme));
}
