using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Newtonsoft.Json.Linq;
using PledgeBot.Dialogs.Content;
using PledgeBot.Storage;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Browser;

/// <summary>A campaign manager signs in with the key in a real browser and watches the dashboard.</summary>
public sealed class AdminDashboardInChromiumTests : IClassFixture<ChromiumBrowser>, IDisposable
{
    // Generous: the first Chromium start on a loaded CI machine takes many seconds; nothing here is a timing check.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly ChromiumBrowser chromium;
    private readonly TempFolder data = new();
    private readonly BotApplication app;
    private readonly CampaignContent content = ShippedCampaign.Load();

    public AdminDashboardInChromiumTests(ChromiumBrowser chromium)
    {
        this.chromium = chromium;
        app = BotApplication.StartOnKestrel(data.Path, AdminRequests.Settings());
    }

    [Fact]
    public async Task ChartsAreDrawnTheTablesSayWhatTheJsonSaysAndANewVoteShowsWithoutReloading()
    {
        for (var i = 0; i < 12; i++)
        {
            await VoteAsync($"teams-{i}", content.Causes[0].Id, "msteams");
        }

        for (var i = 0; i < 3; i++)
        {
            await VoteAsync($"web-{i}", content.Causes[1].Id, "directline");
        }

        var admin = await AdminInChromium.SignInAsync(chromium, app, width: 1000, (float)Timeout.TotalMilliseconds);
        var page = admin.Page;
        var scriptErrors = admin.ScriptErrors;
        await page.WaitForSelectorAsync("body[data-refreshed]", new() { Timeout = (float)Timeout.TotalMilliseconds });

        var drawn = await page.EvaluateAsync<int>("Array.from(document.querySelectorAll('canvas')).filter(c => window.Chart.getChart(c) && c.width > 0).length");
        Assert.Equal(8, drawn);
        var json = JObject.Parse(await page.EvaluateAsync<string>("fetch('/admin/api/results').then(r => r.text())"));
        foreach (var cause in json["public"]!["causes"]!)
        {
            Assert.Equal(cause.Value<int>("votes").ToString("N0", System.Globalization.CultureInfo.InvariantCulture), await CellAsync(page, "causes", cause.Value<string>("title")!));
        }

        Assert.Equal(json["channels"]![0]!["votes"]!.Value<int>("count").ToString(System.Globalization.CultureInfo.InvariantCulture), await CellAsync(page, "channels", "Teams"));
        Assert.Equal("fewer than 10", await CellAsync(page, "channels", "Web chat"));
        Assert.Equal(json["funnel"]!.Value<int>("voted").ToString(System.Globalization.CultureInfo.InvariantCulture), await CellAsync(page, "funnel", "Voted"));

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = DocsPicture.PathOf("admin-dashboard.png"), FullPage = true });

        await VoteAsync("late", content.Causes[1].Id, "msteams");
        // The page fetches the figures every 15 seconds; it is not reloaded. Its clock jumps the 15 seconds.
        await page.Clock.FastForwardAsync(15_000);
        await Assertions.Expect(page.Locator("#funnel-table tbody tr:nth-child(3) td")).ToHaveTextAsync("16", new() { Timeout = (float)Timeout.TotalMilliseconds });
        await Assertions.Expect(page.Locator("#channels-table tbody tr:nth-child(1) td")).ToHaveTextAsync("13");
        Assert.True(scriptErrors.Count == 0, string.Join(" | ", scriptErrors));
    }

    private Task VoteAsync(string person, string causeId, string channel) =>
        app.Services.GetRequiredService<IVoteStore>().RecordVoteAsync(new VoteRequest(content.Id, person, causeId, $"request-{person}", channel));

    private static Task<string> CellAsync(IPage page, string table, string rowHeader) =>
        page.Locator($"#{table}-table tbody tr").Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = rowHeader, Exact = true }) })
            .Locator("td").First.InnerTextAsync();

    public void Dispose()
    {
        app.Dispose();
        data.Dispose();
    }
}
