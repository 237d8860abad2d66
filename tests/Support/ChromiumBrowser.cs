using Microsoft.Playwright;

namespace PledgeBot.Tests.Support;

/// <summary>
/// Headless Chromium from Debian, driven by Playwright (which cannot download browsers here);
/// see <see cref="DebianPackages"/> for a machine without it.
/// </summary>
public sealed class ChromiumBrowser : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        DebianPackages.Ensure(ExecutablePath, "chromium");
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // Without these, Chromium keeps trying to reach Google's services, which this
            // network refuses; --no-sandbox because CI runs the tests as root.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
    }
}
