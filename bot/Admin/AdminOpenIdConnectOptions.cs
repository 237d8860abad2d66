namespace PledgeBot.Admin;

/// <summary>
/// <c>Admin:Oidc</c>: the identity provider that signs campaign managers in (Microsoft Entra ID or
/// any OpenID Connect provider), and who among its users is an admin.
/// </summary>
public sealed class AdminOpenIdConnectOptions
{
    /// <summary>The provider's issuer address, e.g. <c>https://login.microsoftonline.com/&lt;tenant id&gt;/v2.0</c>. Empty: off.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    /// <summary>The client secret of a confidential client (Entra ID web apps have one); empty for a public client, which PKCE protects.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The provider's name on the sign-in button and in the audit log: "Sign in with Microsoft Entra ID".</summary>
    public string DisplayName { get; set; } = "Microsoft Entra ID";

    /// <summary>
    /// Who may use the admin area: email addresses, user names (UPNs) or subject ids, compared
    /// without regard to case with the claims <see cref="AdminAllowList"/> reads. Everyone else is refused.
    /// </summary>
    public List<string> AllowedAdmins { get; set; } = [];

    /// <summary>
    /// Fetch the provider's metadata and keys over https only. Turn off only for a provider on this
    /// machine (a local test stand-in): over plain http anyone on the path could swap the signing keys.
    /// </summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority);
}
