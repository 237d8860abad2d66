using System.Diagnostics;
using Microsoft.Playwright;

namespace PledgeBot.Tests.Support;

/// <summary>
/// Headless Chromium from Debian, driven by Playwright (which cannot download browsers here).
/// A machine without Chromium gets it installed when the tests run as root, as CI does;
/// otherwise the browser tests fail and say how to install it. They never skip silently.
/// </summary>
public sealed class ChromiumBrowser : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        EnsureInstalled();
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

    private static void EnsureInstalled()
    {
        if (File.Exists(ExecutablePath))
        {
            return;
        }

        if (Environment.UserName == "root" && File.Exists("/usr/bin/apt-get"))
        {
            Run("apt-get", "update");
            Run("apt-get", "install", "-y", "--no-install-recommends", "chromium");
        }

        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"Chromium is missing at {ExecutablePath}. Install Debian's package: sudo apt-get install -y chromium");
        }
    }

    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        arguments.ToList().ForEach(start.ArgumentList.Add);
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
    }
}
