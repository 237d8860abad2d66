using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;
using PledgeBot.ChatPage;

namespace PledgeBot.Admin;

/// <summary>The admin area's plain pages: sign-in, refusals, and the notice that the area is off.</summary>
public static class AdminPages
{
    /// <summary>The sign-in page: the provider's button when one is configured, the key form when a key is set.</summary>
    public static IResult SignIn(HttpContext context, string? problem, int status = StatusCodes.Status200OK)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<AdminOptions>>().Value;
        var provider = options.Oidc.IsConfigured
            ? $"""<p><a href="{AdminOpenIdConnect.StartPath}">Sign in with {Encode(options.Oidc.DisplayName)}</a></p>"""
            : "";
        var keyForm = options.HasKey
            ? $"""
              <form method="post" action="/admin/sign-in">
                {AntiforgeryField(context)}
                <label for="key">Admin key</label>
                <input id="key" name="key" type="password" autocomplete="current-password" required>
                <button type="submit">Sign in with the admin key</button>
              </form>
              """
            : "";
        return Page(
            "Sign in",
            $"""
            <h1>Campaign admin: sign in</h1>
            {(problem is null ? "" : $"""<p role="alert">{Encode(problem)}</p>""")}
            {provider}
            {keyForm}
            """,
            status);
    }

    public static IResult TooManySignIns(TimeSpan wait)
    {
        var minutes = (int)Math.Ceiling(wait.TotalMinutes);
        var when = wait.TotalSeconds < 60
            ? $"{(int)wait.TotalSeconds} second{(wait.TotalSeconds == 1 ? "" : "s")}"
            : $"{minutes} minute{(minutes == 1 ? "" : "s")}";
        return Page(
            "Too many sign-in attempts",
            $"""
            <h1>Too many sign-in attempts</h1>
            <p role="alert">There were too many sign-in attempts from your address. Please try again in {when}.</p>
            """,
            StatusCodes.Status429TooManyRequests);
    }

    public static IResult NotAnAdmin(string provider) => Page(
        "Not an admin",
        $"""
        <h1>You are not an admin of this campaign</h1>
        <p role="alert">{Encode(provider)} signed you in, but your account is not on this campaign's list of admins,
        so you are not signed in here. If you should be, ask whoever runs the bot to add your email address or
        user name to <code>Admin:Oidc:AllowedAdmins</code>.</p>
        <p><a href="/admin/sign-in">Back to the sign-in page</a></p>
        """,
        StatusCodes.Status403Forbidden);

    public static IResult ProviderSignInFailed(string provider) => Page(
        "Sign-in failed",
        $"""
        <h1>Sign-in did not complete</h1>
        <p role="alert">The answer from {Encode(provider)} could not be accepted, so you are not signed in. Please try again.</p>
        <p><a href="/admin/sign-in">Back to the sign-in page</a></p>
        """,
        StatusCodes.Status401Unauthorized);

    /// <summary>Opens the dashboard from this site, so that the browser sends the new SameSite=Strict cookie (see <see cref="AdminOpenIdConnect.SignedInPath"/>).</summary>
    public static IResult SignedIn() => Page(
        "Signed in",
        """
        <h1>You are signed in</h1>
        <p><a href="/admin/">Open the dashboard</a></p>
        """,
        head: """<meta http-equiv="refresh" content="0; url=/admin/">""");

    public static IResult Off() => Page(
        "Admin area off",
        """
        <h1>The admin area is off</h1>
        <p>To turn it on, give the bot a way to sign campaign managers in:</p>
        <ul>
          <li>an admin key: the setting <code>Admin:Key</code>, for example the environment variable
          <code>Admin__Key</code> set to a long random value (16 characters or more); then sign in here with it;</li>
          <li>or your organisation's sign-in (Microsoft Entra ID or another OpenID Connect provider):
          <code>Admin:Oidc:Authority</code>, <code>Admin:Oidc:ClientId</code>, <code>Admin:Oidc:ClientSecret</code>
          and the admins in <code>Admin:Oidc:AllowedAdmins</code>.</li>
        </ul>
        """,
        StatusCodes.Status404NotFound);

    /// <summary>A form sent with a stale or missing antiforgery token: what to do, rather than a bare 400.</summary>
    /// <param name="formPath">The page the form is on, to open it again.</param>
    public static IResult FormExpired(string title, string formPath) => Page(
        title,
        $"""<h1>{Encode(title)}</h1><p role="alert">This form has expired. <a href="{Encode(formPath)}">Open it again</a> and send it from there.</p>""",
        StatusCodes.Status400BadRequest);

    /// <summary>The hidden field that carries the antiforgery token of a form that changes something.</summary>
    public static string AntiforgeryField(HttpContext context)
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        return $"""<input type="hidden" name="{Encode(tokens.FormFieldName)}" value="{Encode(tokens.RequestToken!)}">""";
    }

    /// <summary>
    /// The admin area's layout. A signed-in admin also gets the area's navigation, with the section
    /// of the address asked for marked as the current page; the sign-in and refusal pages do not.
    /// </summary>
    public static IResult Page(string title, string body, int status = StatusCodes.Status200OK, string head = "") =>
        new AdminPage(title, body, status, head);

    private sealed record AdminPage(string Title, string Body, int Status, string Head) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => Results.Content(
            $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <meta name="robots" content="noindex">
              <link rel="stylesheet" href="{httpContext.RequestServices.GetRequiredService<ChatPageAssets>().AdminStylesUrl}">
              {Head}
              <title>{Encode(Title)} – campaign admin</title>
            </head>
            <body>
            {(httpContext.User.IsInRole(AdminAccess.Role) ? AdminNavigation.Render(httpContext.Request.Path) : "")}
              <main>
            {Body}
              </main>
            </body>
            </html>
            """,
            "text/html; charset=utf-8",
            statusCode: Status).ExecuteAsync(httpContext);
    }

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);
}
