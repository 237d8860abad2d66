using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using PledgeBot.RateLimits;

namespace PledgeBot.Admin;

public static class AdminSetup
{
    /// <summary>
    /// The admin area under /admin: sign-in and sign-out, and the group every admin feature maps
    /// into (it requires a signed-in admin). Without an admin key or an identity provider every
    /// /admin address says how to turn the area on, and the returned group maps nothing that anyone
    /// can reach.
    /// </summary>
    /// <param name="features">Each maps one feature's endpoints into the signed-in group, e.g. <c>AdminExportEndpoints.MapAdminExports</c>.</param>
    public static RouteGroupBuilder MapAdmin(this WebApplication app, params Action<RouteGroupBuilder>[] features)
    {
        var signedIn = MapSignIn(app);
        foreach (var map in features)
        {
            map(signedIn);
        }

        return signedIn;
    }

    private static RouteGroupBuilder MapSignIn(WebApplication app)
    {
        var admin = app.MapGroup("/admin");
        var options = app.Services.GetRequiredService<IOptions<AdminOptions>>().Value;
        if (!options.IsOn)
        {
            // Features still map into a group that requires an admin, whom nobody can become without a way to sign in.
            admin.Map("/{**rest}", AdminPages.Off);
            return admin.MapGroup("").RequireAuthorization(AdminAccess.Policy);
        }

        admin.MapGet("/sign-in", (HttpContext context) => AdminPages.SignIn(context, problem: null));
        if (options.HasKey)
        {
            admin.MapPost("/sign-in", AdminSignIn.WithKeyAsync)
                .RequireRateLimiting(RateLimitPolicies.AdminSignIn)
                .WithMetadata(new TooManyRequestsPage(AdminPages.TooManySignIns))
                .WithMetadata(new RequestSizeLimitAttribute(AdminSignIn.FormBytes));
        }

        if (options.Oidc.IsConfigured)
        {
            admin.MapGet("/sign-in/oidc", () => Results.Challenge(
                new AuthenticationProperties { RedirectUri = AdminOpenIdConnect.SignedInPath },
                [AdminOpenIdConnect.SchemeName]));
            admin.MapGet("/sign-in/done", AdminPages.SignedIn);
        }

        admin.MapPost("/sign-out", AdminSignIn.OutAsync).WithMetadata(new RequestSizeLimitAttribute(AdminSignIn.FormBytes));

        var signedIn = admin.MapGroup("").RequireAuthorization(AdminAccess.Policy);
        signedIn.MapGet("/", AdminDashboardPage.RenderAsync);
        return signedIn;
    }
}
