using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using PledgeBot.Storage;

namespace PledgeBot.Admin;

/// <summary>Signing in with the admin key and signing out: the two forms of the admin area, each with its antiforgery token.</summary>
public static class AdminSignIn
{
    /// <summary>The sign-in form's body: a key and a token, far below this.</summary>
    public const long FormBytes = 8 * 1024;

    public const string WithTheKey = "with the admin key";

    public static async Task<IResult> WithKeyAsync(HttpContext context, IOptions<AdminOptions> options, IAntiforgery antiforgery, IAdminAuditLog audit, IFailedSignInLog failures)
    {
        if (!context.Request.HasFormContentType)
        {
            return AdminPages.SignIn(context, "Please sign in with the form on this page.", StatusCodes.Status400BadRequest);
        }

        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return AdminPages.SignIn(context, "This sign-in form has expired or did not come from this site. Please sign in again.", StatusCodes.Status400BadRequest);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (!AdminKeyAuthentication.Matches(options.Value.Key, form["key"].ToString()))
        {
            await failures.RecordAsync(WithTheKey, context.RequestAborted);
            return AdminPages.SignIn(context, "That key is not right.", StatusCodes.Status401Unauthorized);
        }

        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, AdminCookie.ForKeyHolder(options.Value.Key!));
        await audit.RecordAsync(AdminKeyAuthentication.KeyHolder, "signed in", context.RequestAborted);
        return Results.Redirect("/admin/");
    }

    /// <summary>
    /// Ends this browser's admin session. It does not sign the user out of their identity provider,
    /// which other applications share.
    /// </summary>
    public static async Task<IResult> OutAsync(HttpContext context, IAntiforgery antiforgery, IAdminAuditLog audit)
    {
        if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context))
        {
            return AdminPages.Page(
                "Sign out",
                """
                <h1>Sign out</h1>
                <p role="alert">This sign-out form has expired or did not come from this site. Please use the Sign out button on the dashboard.</p>
                <p><a href="/admin/">Back to the dashboard</a></p>
                """,
                StatusCodes.Status400BadRequest);
        }

        var cookie = await context.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        if (cookie.Succeeded && cookie.Principal.Identity?.Name is { } name)
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            await audit.RecordAsync(name, "signed out", context.RequestAborted);
        }

        return Results.Redirect("/admin/sign-in");
    }
}
