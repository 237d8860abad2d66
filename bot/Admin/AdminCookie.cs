using System.Buffers.Text;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace PledgeBot.Admin;

/// <summary>
/// What the sign-in cookie says about its admin, and the check on every request that it still
/// holds: a cookie from the key stops working when <c>Admin:Key</c> changes, a cookie from the
/// identity provider when its user leaves <c>Admin:Oidc:AllowedAdmins</c> (after a restart).
/// </summary>
public static class AdminCookie
{
    private const string SignedInWith = "pledgebot:signed-in-with";
    private const string KeyFingerprint = "pledgebot:key";
    private const string AllowedAs = "pledgebot:allowed-as";

    public static ClaimsPrincipal ForKeyHolder(string key)
    {
        var principal = AdminKeyAuthentication.AdminPrincipal(AdminKeyAuthentication.KeyHolder, CookieAuthenticationDefaults.AuthenticationScheme);
        ((ClaimsIdentity)principal.Identity!).AddClaims([new Claim(SignedInWith, "key"), new Claim(KeyFingerprint, Fingerprint(key))]);
        return principal;
    }

    /// <param name="allowedAs">The entry of the allowed list the user matched.</param>
    public static ClaimsPrincipal ForProviderUser(string name, string allowedAs)
    {
        var principal = AdminKeyAuthentication.AdminPrincipal(name, CookieAuthenticationDefaults.AuthenticationScheme);
        ((ClaimsIdentity)principal.Identity!).AddClaims([new Claim(SignedInWith, "oidc"), new Claim(AllowedAs, allowedAs)]);
        return principal;
    }

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<AdminOptions>>().Value;
        var principal = context.Principal;
        var stillValid = principal?.FindFirst(SignedInWith)?.Value switch
        {
            "key" => options.HasKey && principal.FindFirst(KeyFingerprint)?.Value == Fingerprint(options.Key!),
            "oidc" => options.Oidc.IsConfigured && principal.FindFirst(AllowedAs)?.Value is { } entry && AdminAllowList.StillAllows(options.Oidc.AllowedAdmins, entry),
            _ => false,
        };
        if (!stillValid)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    // The cookie is encrypted, but a digest keeps even the server's own copy of the key out of it.
    private static string Fingerprint(string key) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes("pledgebot admin cookie\n" + key)).AsSpan(0, 16));
}
