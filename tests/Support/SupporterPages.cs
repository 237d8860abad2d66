using Microsoft.Playwright;

namespace PledgeBot.Tests.Support;

/// <summary>
/// The pages a supporter can open, in one list for every accessibility check (axe, narrow
/// screens, zoom, reduced motion), and the language they are opened in.
/// </summary>
public static class SupporterPages
{
    /// <summary>The languages every page is checked in: the default, and the right-to-left one.</summary>
    public static readonly string[] Languages = ["en", "ar"];

    /// <summary>The chat page, a share page, the results, the privacy page, the confirmation and unsubscribe links' pages and the friendly 404s.</summary>
    public static TheoryData<string> Paths => new()
    {
        "/",
        $"/c/{ShippedCampaign.Load().Causes[0].Id}",
        "/results",
        "/privacy",
        // A link whose token does not read: the confirmation page every outcome shares, with no pledge needed.
        "/confirm?token=cut-short",
        // Likewise an unsubscribe link cut short: the layout every unsubscribe page shares.
        "/unsubscribe?token=cut-short",
        "/c/no-such-cause",
        "/results/no-such-page",
    };

    /// <summary>Every page in each of <see cref="Languages"/>.</summary>
    public static TheoryData<string, string> PathsInEachLanguage
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var language in Languages)
            {
                foreach (var path in Paths)
                {
                    data.Add(path, language);
                }
            }

            return data;
        }
    }

    /// <summary>The chat's first button in <paramref name="language"/>.</summary>
    public static string ReadTheStories(string language) => InLanguage.Run(language, () => PledgeBot.Dialogs.Words.BotWords.ReadTheStories);

    /// <summary>Opens <paramref name="path"/> in English and waits until the page is drawn (the chat page: until its first card is).</summary>
    public static Task<IPage> OpenAsync(ChromiumBrowser chromium, BotApplication app, string path, BrowserNewContextOptions? options = null) =>
        OpenAsync(chromium, app, path, "en", options);

    /// <summary>Opens <paramref name="path"/> in <paramref name="language"/> (by ?lang=) and waits until the page is drawn (the chat page: until its first card is).</summary>
    public static async Task<IPage> OpenAsync(ChromiumBrowser chromium, BotApplication app, string path, string language, BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } };
        options.BaseURL = app.ClientOptions.BaseAddress.ToString();
        var context = await chromium.Browser.NewContextAsync(options);
        var page = await context.NewPageAsync();
        await page.GotoAsync(WithLanguage(path, language));
        if (IsChatPage(path))
        {
            await new WebChatInPage(page).SeesButtonAsync(ReadTheStories(language));
        }

        return page;
    }

    public static bool IsChatPage(string path) => path == "/" || path.StartsWith("/?", StringComparison.Ordinal);

    public static string WithLanguage(string path, string language) => path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "lang=" + language;
}
