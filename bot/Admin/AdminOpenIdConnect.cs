using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using PledgeBot.Storage;

namespace PledgeBot.Admin;

/// <summary>
/// Sign-in through the organisation's identity provider (Microsoft Entra ID or any OpenID Connect
/// provider): the authorization code flow with PKCE, the ID token checked against the provider's
/// published keys, issuer and this app's client id, and then the allowed list
/// (<see cref="AdminAllowList"/>). Only an allowed admin gets the admin cookie.
/// </summary>
public static class AdminOpenIdConnect
{
    public const string SchemeName = "AdminOidc";
    public const string StartPath = "/admin/sign-in/oidc";

    /// <summary>The redirect URI to register with the provider, after the host's public address.</summary>
    public const string CallbackPath = "/admin/sign-in/oidc/callback";

    /// <summary>
    /// Where a successful sign-in lands. Not the dashboard itself: the browser arrives here at the
    /// end of a redirect chain that began at the provider, a cross-site navigation, so it does not
    /// send the SameSite=Strict admin cookie yet; this page then opens the dashboard from this site.
    /// </summary>
    public const string SignedInPath = "/admin/sign-in/done";

    public static AuthenticationBuilder AddAdminOpenIdConnect(this AuthenticationBuilder authentication)
    {
        authentication.AddOpenIdConnect(SchemeName, _ => { });
        authentication.Services.AddOptions<OpenIdConnectOptions>(SchemeName).Configure<IOptions<AdminOptions>>((oidc, admin) =>
        {
            var settings = admin.Value.Oidc;
            oidc.Authority = settings.Authority;
            oidc.ClientId = settings.ClientId;
            oidc.ClientSecret = string.IsNullOrEmpty(settings.ClientSecret) ? null : settings.ClientSecret;
            oidc.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            oidc.ResponseType = OpenIdConnectResponseType.Code;
            oidc.UsePkce = true;
            // The code comes back in the query of a top-level GET, so the correlation and nonce
            // cookies can be SameSite=Lax; form_post would need SameSite=None and a script page.
            oidc.ResponseMode = OpenIdConnectResponseMode.Query;
            oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
            oidc.NonceCookie.SameSite = SameSiteMode.Lax;
            oidc.Scope.Clear();
            oidc.Scope.Add("openid");
            oidc.Scope.Add("profile");
            oidc.Scope.Add("email");
            oidc.CallbackPath = CallbackPath;
            oidc.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            // The claims as the provider names them (sub, oid, upn, preferred_username, email).
            oidc.MapInboundClaims = false;
            // The cookie holds who the admin is, not the provider's tokens.
            oidc.SaveTokens = false;
            oidc.GetClaimsFromUserInfoEndpoint = false;
            oidc.DisableTelemetry = true;
            oidc.Events.OnTokenValidated = AdmitAllowedAdminAsync;
            oidc.Events.OnRemoteFailure = RefuseFailedSignInAsync;
        });
        return authentication;
    }

    /// <summary>The ID token is genuine; the cookie goes only to a user on the allowed list, and holds only who they are.</summary>
    private static async Task AdmitAllowedAdminAsync(TokenValidatedContext context)
    {
        var services = context.HttpContext.RequestServices;
        var settings = services.GetRequiredService<IOptions<AdminOptions>>().Value.Oidc;
        var allowedAs = AdminAllowList.Match(context.Principal!, settings.AllowedAdmins);
        if (allowedAs is null)
        {
            await services.GetRequiredService<IFailedSignInLog>().RecordAsync($"through {settings.DisplayName}, not an allowed admin", context.HttpContext.RequestAborted);
            await AdminPages.NotAnAdmin(settings.DisplayName).ExecuteAsync(context.HttpContext);
            context.HandleResponse();
            return;
        }

        var name = AdminAllowList.DisplayName(context.Principal!);
        context.Principal = AdminCookie.ForProviderUser(name, allowedAs);
        await services.GetRequiredService<IAdminAuditLog>().RecordAsync(name, $"signed in through {settings.DisplayName}", context.HttpContext.RequestAborted);
    }

    /// <summary>A callback that does not prove a sign-in (a forged or changed token, a stale or replayed state, the user cancelled).</summary>
    private static async Task RefuseFailedSignInAsync(RemoteFailureContext context)
    {
        var services = context.HttpContext.RequestServices;
        var settings = services.GetRequiredService<IOptions<AdminOptions>>().Value.Oidc;
        await services.GetRequiredService<IFailedSignInLog>().RecordAsync($"through {settings.DisplayName}", context.HttpContext.RequestAborted);
        await AdminPages.ProviderSignInFailed(settings.DisplayName).ExecuteAsync(context.HttpContext);
        context.HandleResponse();
    }
}
