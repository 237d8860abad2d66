using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using PledgeBot.Storage;

namespace PledgeBot.Admin;

public static class AdminSetup
{
    /// <summary>
    /// The admin area under /admin: sign-in and sign-out, and the group every admin feature maps
    /// into (it requires a signed-in admin). Without an admin key every /admin address says how to
    /// turn the area on, and the returned group maps nothing that anyone can reach.
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
        if (!app.Services.GetRequiredService<IOptions<AdminOptions>>().Value.IsOn)
        {
            // Features still map into a group that requires an admin, whom nobody can become without a key.
            admin.Map("/{**rest}", AdminPages.Off);
            return admin.MapGroup("").RequireAuthorization(AdminAccess.Policy);
        }

        admin.MapGet("/sign-in", () => AdminPages.SignIn(problem: null));
        admin.MapPost("/sign-in", SignInAsync).DisableAntiforgery();
        admin.MapPost("/sign-out", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/admin/sign-in");
        }).DisableAntiforgery();

        var signedIn = admin.MapGroup("").RequireAuthorization(AdminAccess.Policy);
        signedIn.MapGet("/", () => AdminPages.Page("Dashboard", "<h1>Campaign admin</h1><p>You are signed in.</p>"));
        return signedIn;
    }

    private static async Task<IResult> SignInAsync(HttpContext context, IOptions<AdminOptions> options, IAdminAuditLog audit)
    {
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
        if (!AdminKeyAuthentication.Matches(options.Value.Key, form?["key"].ToString()))
        {
            return AdminPages.SignIn("That key is not right.", StatusCodes.Status401Unauthorized);
        }

        await context.SignInAsync(
            CookieAuthenticationDefaults.AuthenticationScheme,
            AdminKeyAuthentication.AdminPrincipal(AdminKeyAuthentication.KeyHolder, CookieAuthenticationDefaults.AuthenticationScheme));
        await audit.RecordAsync(AdminKeyAuthentication.KeyHolder, "signed in", context.RequestAborted);
        return Results.Redirect("/admin/");
    }
}
