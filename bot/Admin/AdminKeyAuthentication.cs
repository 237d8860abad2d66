using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace PledgeBot.Admin;

/// <summary>
/// <c>Authorization: Bearer &lt;admin key&gt;</c>, for tools that read the admin JSON and CSV.
/// The key is compared in constant time (as SHA-256 digests, so its length leaks nothing either).
/// </summary>
public sealed class AdminKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggers,
    UrlEncoder encoder,
    IOptions<AdminOptions> admin)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggers, encoder)
{
    public const string SchemeName = "AdminKey";

    /// <summary>Who an admin signed in with the key is, in the audit log.</summary>
    public const string KeyHolder = "admin key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        return Task.FromResult(Matches(admin.Value.Key, header["Bearer ".Length..].Trim())
            ? AuthenticateResult.Success(new AuthenticationTicket(AdminPrincipal(KeyHolder, SchemeName), SchemeName))
            : AuthenticateResult.Fail("The admin key does not match."));
    }

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
