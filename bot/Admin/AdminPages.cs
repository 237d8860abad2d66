using System.Text.Encodings.Web;

namespace PledgeBot.Admin;

/// <summary>The admin area's plain pages: sign-in, and the notice that the area is off.</summary>
public static class AdminPages
{
    public static IResult SignIn(string? problem, int status = StatusCodes.Status200OK) => Page(
        "Sign in",
        $"""
        <h1>Campaign admin: sign in</h1>
        {(problem is null ? "" : $"""<p role="alert">{HtmlEncoder.Default.Encode(problem)}</p>""")}
        <form method="post" action="/admin/sign-in">
          <label for="key">Admin key</label>
          <input id="key" name="key" type="password" autocomplete="current-password" required>
          <button type="submit">Sign in</button>
        </form>
        """,
        status);

    public static IResult Off() => Page(
        "Admin area off",
        """
        <h1>The admin area is off</h1>
        <p>To turn it on, give the bot an admin key: the setting <code>Admin:Key</code>, for example the
        environment variable <code>Admin__Key</code> set to a long random value. Then sign in here with it.</p>
        """,
        StatusCodes.Status404NotFound);

    public static IResult Page(string title, string body, int status = StatusCodes.Status200OK) => Results.Content(
        $"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <meta name="robots" content="noindex">
          <title>{HtmlEncoder.Default.Encode(title)} – campaign admin</title>
        </head>
        <body>
          <main>
        {body}
          </main>
        </body>
        </html>
        """,
        "text/html; charset=utf-8",
        statusCode: status);
}
