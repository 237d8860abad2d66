using Microsoft.Playwright;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Browser;

/// <summary>
/// Every supporter page on a 320 px wide phone and at 200% zoom (a 1280 x 800 window zoomed to
/// 200% lays the page out in 640 x 400 CSS pixels): nothing scrolls sideways, and the heading and
/// the page's main controls are on screen, whole.
/// </summary>
public sealed class NarrowAndZoomedInChromiumTests : IClassFixture<ChromiumBrowser>, IDisposable
{
    private readonly ChromiumBrowser chromium;
    private readonly TempFolder data = new();
    private readonly BotApplication app;

    public NarrowAndZoomedInChromiumTests(ChromiumBrowser chromium)
    {
        this.chromium = chromium;
        app = BotApplication.StartOnKestrel(data.Path);
    }

    [Theory]
    [MemberData(nameof(SupporterPages.PathsInEachLanguage), MemberType = typeof(SupporterPages))]
    public Task ASupporterPageFitsA320PixelWideScreen(string path, string language) => AssertFitsAsync(path, language, width: 320, height: 640);

    [Theory]
    [MemberData(nameof(SupporterPages.PathsInEachLanguage), MemberType = typeof(SupporterPages))]
    public Task ASupporterPageFitsAt200PercentZoom(string path, string language) => AssertFitsAsync(path, language, width: 1280 / 2, height: 800 / 2);

    public void Dispose()
    {
        app.Dispose();
        data.Dispose();
    }

    private async Task AssertFitsAsync(string path, string language, int width, int height)
    {
        var page = await SupporterPages.OpenAsync(chromium, app, path, language, new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            DeviceScaleFactor = 1,
        });

        var widths = await page.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]");
        var (scrollWidth, clientWidth) = (widths[0], widths[1]);
        Assert.True(scrollWidth <= clientWidth + 1, $"{path} in {language} at {width} x {height} scrolls sideways: {scrollWidth} px of content in {clientWidth} px.");

        var controls = SupporterPages.IsChatPage(path)
            ? [page.Locator("h1"), page.GetByRole(AriaRole.Button, new() { Name = SupporterPages.ReadTheStories(language), Exact = true }).Last, page.Locator("[data-id=webchat-sendbox-input]")]
            : new[] { page.Locator("h1") }.Concat(await page.Locator("main a.share-cta").AllAsync()).ToArray();
        foreach (var control in controls)
        {
            await ScrollWhollyIntoViewAsync(control);
            var box = (await control.BoundingBoxAsync())!;
            Assert.True(box.X >= 0 && box.X + box.Width <= width + 1, $"{path} in {language} at {width} x {height}: {await control.EvaluateAsync<string>("e => e.outerHTML.slice(0, 120)")} sticks out ({box.X} to {box.X + box.Width}).");
        }
    }

    /// <summary>
    /// Scrolls the control into view until it stays there: Web Chat keeps the transcript pinned to its
    /// bottom and scrolls it again, smoothly, while a card's picture loads or a late activity arrives, so
    /// a control scrolled into view once can be carried partly out again a moment later. A reader would
    /// scroll back to it; the test does the same, and fails only if the control can never be seen whole.
    /// </summary>
    private static async Task ScrollWhollyIntoViewAsync(ILocator control)
    {
        for (var attempt = 1; ; attempt++)
        {
            await control.ScrollIntoViewIfNeededAsync();
            try
            {
                // Not 1: a control whose edge falls on a fraction of a pixel reads as 0.99 in view; sideways, the box check is exact.
                await Assertions.Expect(control).ToBeInViewportAsync(new() { Ratio = 0.95f, Timeout = 2_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 5)
            {
            }
        }
    }
}
