using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace PledgeBot.Admin;

/// <summary>
/// Who may use the admin area: a campaign manager signed in with the admin key or through the
/// organisation's identity provider (a cookie), or a tool sending the key as a bearer token. Every
/// admin endpoint requires <see cref="Policy"/>.
/// </summary>
public static class AdminAccess
{
    public const string Policy = "admin";
    public const string Role = "campaign-admin";
    public const string CookieName = "pledgebot-admin";

    /// <summary>Picks the way a request proves itself: a bearer key when it sends one, the sign-in cookie otherwise.</summary>
    public const string Scheme = "admin";

    /// <summary>The sign-in forms' antiforgery cookie; the token rides in each form.</summary>
    public const string AntiforgeryCookieName = "pledgebot-admin-antiforgery";

    /// <param name="configuration">Read once here: the identity provider's handler is registered only when it is configured.</param>
    public static IServiceCollection AddAdminAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AdminOptions>, AdminOptionsValidation>();
        // SameSite=Strict already keeps other sites' forms from carrying the admin cookie; the token
        // also stops pages on sibling subdomains, which browsers count as the same site.
        // Every admin form (sign-in, sign-out, erasure) carries one. Its cookie is Secure whenever the
        // request is https (antiforgery refuses to run at all over http with Always, and a local
        // admin on http://localhost must still be able to sign in).
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = AntiforgeryCookieName;
            antiforgery.Cookie.Path = "/admin";
            antiforgery.Cookie.HttpOnly = true;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        var authentication = services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Admin key or sign-in cookie", select => select.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? AdminKeyAuthentication.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(cookie =>
            {
                cookie.Cookie.Name = CookieName;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.Path = "/admin";
                cookie.LoginPath = "/admin/sign-in";
                cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
                cookie.SlidingExpiration = true;
                // The JSON and CSV endpoints answer 401/403 rather than a redirect to a page.
                cookie.Events.OnRedirectToLogin = context => Refuse(context, StatusCodes.Status401Unauthorized);
                cookie.Events.OnRedirectToAccessDenied = context => Refuse(context, StatusCodes.Status403Forbidden);
                cookie.Events.OnValidatePrincipal = AdminCookie.ValidateAsync;
            })
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, AdminKeyAuthentication>(AdminKeyAuthentication.SchemeName, _ => { });
        var oidc = configuration.GetSection(AdminOptions.Section).Get<AdminOptions>()?.Oidc;
        if (oidc?.IsConfigured == true)
        {
            authentication.AddAdminOpenIdConnect();
        }

        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(Scheme)
            .RequireRole(Role));
        return services;
    }

    private static Task Refuse(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (IsPage(context.Request))
        {
            context.Response.Redirect(context.RedirectUri);
            return Task.CompletedTask;
        }

        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    /// <summary>A browser asking for a page is sent to sign in; a tool asking for data gets a status code.</summary>
    private static bool IsPage(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && !request.Path.StartsWithSegments("/admin/api")
        && !request.Path.StartsWithSegments("/admin/export")
        && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
}
