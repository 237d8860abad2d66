using System.Security.Claims;

namespace PledgeBot.Admin;

/// <summary>
/// Whether a user the identity provider signed in is one of <c>Admin:Oidc:AllowedAdmins</c>.
/// </summary>
/// <remarks>
/// The claims compared: <c>sub</c> and <c>oid</c> (ids that never change), <c>upn</c> and
/// <c>preferred_username</c> (the sign-in name, set by the organisation's own directory; the
/// issuer check pins the token to the configured tenant), and <c>email</c> only when the token
/// says <c>email_verified</c>: in Entra ID and some other providers a user can set their own email
/// attribute, and an unverified one would let them claim an admin's address.
/// </remarks>
public static class AdminAllowList
{
    /// <summary>The entry of the allowed list this user matches, or null.</summary>
    public static string? Match(ClaimsPrincipal user, IReadOnlyCollection<string> allowed) =>
        Identifiers(user).Select(id => allowed.FirstOrDefault(entry => string.Equals(entry.Trim(), id, StringComparison.OrdinalIgnoreCase)))
            .FirstOrDefault(entry => entry is not null);

    public static bool StillAllows(IReadOnlyCollection<string> allowed, string entry) =>
        allowed.Any(candidate => string.Equals(candidate, entry, StringComparison.OrdinalIgnoreCase));

    /// <summary>How the audit log names the admin: their verified email or sign-in name, else their name, else their id.</summary>
    public static string DisplayName(ClaimsPrincipal user) =>
        VerifiedEmail(user) ?? Claim(user, "preferred_username") ?? Claim(user, "upn") ?? Claim(user, "name") ?? Claim(user, "sub") ?? Claim(user, "oid") ?? "unknown";

    private static IEnumerable<string> Identifiers(ClaimsPrincipal user) =>
        new[] { Claim(user, "sub"), Claim(user, "oid"), Claim(user, "upn"), Claim(user, "preferred_username"), VerifiedEmail(user) }
            .OfType<string>();

    private static string? VerifiedEmail(ClaimsPrincipal user) =>
        string.Equals(Claim(user, "email_verified"), "true", StringComparison.OrdinalIgnoreCase) ? Claim(user, "email") : null;

    private static string? Claim(ClaimsPrincipal user, string type) =>
        user.FindFirst(type)?.Value is { Length: > 0 } value ? value.Trim() : null;
}
