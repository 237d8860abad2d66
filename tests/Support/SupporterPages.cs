using Microsoft.Playwright;

namespace PledgeBot.Tests.Support;

/// <summary>
/// The pages a supporter can open, in one list for every accessibility check (axe, narrow
/// screens, zoom, reduced motion), and the language they are opened in.
/// </summary>
public static class SupporterPages
{
    /// <summary>The language the pages are checked in, as the query that asks for it.</summary>
    public const string LanguageQuery = "lang=en";

    /// <summary>The chat page, a share page, the results, the privacy page, the confirmation link's page and the friendly 404s.</summary>
    public static TheoryData<string> Paths => new()
    {
        "/",
        $"/c/{ShippedCampaign.Load().Causes[0].Id}",
        "/results",
        "/privacy",
        // A link whose token does not read: the confirmation page every outcome shares, with no pledge needed.
        "/confirm?token=cut-short",
        "/c/no-such-cause",
        "/results/no-such-page",
    };

    /// <summary>Opens <paramref name="path"/> in <see cref="LanguageQuery"/>'s language and waits until the page is drawn (the chat page: until its first card is).</summary>
    public static async Task<IPage> OpenAsync(ChromiumBrowser chromium, BotApplication app, string path, BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } };
        options.BaseURL = app.ClientOptions.BaseAddress.ToString();
        var context = await chromium.Browser.NewContextAsync(options);
        var page = await context.NewPageAsync();
        await page.GotoAsync(InLanguage(path));
        if (IsChatPage(path))
        {
            await new WebChatInPage(page).SeesButtonAsync("Read the stories");
        }

        return page;
    }

    public static bool IsChatPage(string path) => path == "/" || path.StartsWith("/?", StringComparison.Ordinal);

    public static string InLanguage(string path) => path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + LanguageQuery;
}
