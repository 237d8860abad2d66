using Microsoft.Playwright;

namespace PledgeBot.Tests.Support;

/// <summary>
/// A campaign manager's Chromium page on the admin area, signed in with the key, with every script
/// error it meets collected. The page's clock is Playwright's fake one: it runs as real time does
/// until a test moves it on, so a test jumps over a page's timer instead of waiting for it.
/// </summary>
public sealed class AdminInChromium
{
    private AdminInChromium(IPage page) => Page = page;

    public IPage Page { get; }

    /// <summary>Console errors and uncaught exceptions, as "text (where)".</summary>
    public List<string> ScriptErrors { get; } = [];

    /// <param name="timeout">For the first navigation after sign-in: the first Chromium start on a loaded machine takes many seconds.</param>
    public static async Task<AdminInChromium> SignInAsync(ChromiumBrowser chromium, BotApplication app, int width, float timeout)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.ClientOptions.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
        });
        await context.Clock.InstallAsync();
        var admin = new AdminInChromium(await context.NewPageAsync());
        // The browser's own request for /favicon.ico (the site has none) is not the page's doing.
        admin.Page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Location.Contains("/favicon.ico", StringComparison.Ordinal))
            {
                admin.ScriptErrors.Add($"{message.Text} ({message.Location})");
            }
        };
        admin.Page.PageError += (_, error) => admin.ScriptErrors.Add(error);

        await admin.Page.GotoAsync("/admin/sign-in");
        await admin.Page.GetByLabel("Admin key").FillAsync(AdminRequests.Key);
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in with the admin key" }).ClickAsync();
        // The address is enough here (the page's own scripts may still be loading); callers wait for what they need next.
        await admin.Page.WaitForURLAsync("**/admin/", new() { Timeout = timeout, WaitUntil = WaitUntilState.Commit });
        return admin;
    }
}
