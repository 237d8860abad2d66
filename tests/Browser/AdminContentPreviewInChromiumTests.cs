using System.Text.Json.Nodes;
using Microsoft.Playwright;
using PledgeBot.Dialogs.Content;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Browser;

/// <summary>A campaign manager edits the content in a real browser and sees every card drawn by the Adaptive Cards renderer.</summary>
public sealed class AdminContentPreviewInChromiumTests : IClassFixture<ChromiumBrowser>, IDisposable
{
    // Generous: the first Chromium start on a loaded CI machine takes many seconds; nothing here is a timing check.
    private const float Timeout = 60_000;

    private readonly ChromiumBrowser chromium;
    private readonly TempFolder data = new();
    private readonly BotApplication app;
    private readonly CampaignContent content = ShippedCampaign.Load();

    public AdminContentPreviewInChromiumTests(ChromiumBrowser chromium)
    {
        this.chromium = chromium;
        app = BotApplication.StartOnKestrel(data.Path, AdminRequests.Settings());
    }

    [Fact]
    public async Task EveryCardIsDrawnAnEditShowsInTheCardsPublishesFromThePreviewAndABrokenEditListsItsProblems()
    {
        var admin = await AdminInChromium.SignInAsync(chromium, app, width: 1200, Timeout);
        var page = admin.Page;
        var scriptErrors = admin.ScriptErrors;

        await page.GotoAsync("/admin/content/preview");
        await page.WaitForSelectorAsync("body[data-cards-drawn]", new() { Timeout = Timeout });

        var hosts = await page.Locator(".card-host").CountAsync();
        Assert.Equal(hosts.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.GetAttributeAsync("body", "data-cards-drawn"));
        Assert.Equal(hosts, await page.Locator(".card-host .ac-adaptiveCard").CountAsync());
        await Assertions.Expect(page.Locator("#preview-status")).ToHaveTextAsync($"{hosts} of {hosts} cards drawn.");
        var firstStory = page.Locator("section.preview-card").Filter(new() { HasText = $"Story 1: {content.Causes[0].Title}" });
        await Assertions.Expect(firstStory.Locator(".ac-adaptiveCard")).ToContainTextAsync(content.Causes[0].Story[..40]);
        await Assertions.Expect(firstStory.GetByRole(AriaRole.Img, new() { Name = content.Causes[0].Image.AltText })).ToHaveCountAsync(1);
        await Assertions.Expect(firstStory.GetByRole(AriaRole.Button, new() { Name = "Vote for this cause" })).ToBeVisibleAsync();
        // Markdown is drawn as chat clients draw it, not shown as asterisks.
        await Assertions.Expect(page.Locator("section.preview-card").Filter(new() { HasText = "Help" }).Last.Locator("strong").First).ToBeVisibleAsync();

        var draft = JsonNode.Parse(await page.Locator("#content").InputValueAsync())!;
        draft["causes"]![0]!["title"] = "Protecting children online";
        await page.Locator("#content").FillAsync(draft.ToJsonString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Check and preview" }).ClickAsync();
        await page.WaitForSelectorAsync("body[data-cards-drawn]", new() { Timeout = Timeout });
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("This draft checks out");
        await Assertions.Expect(page.Locator("section.preview-card").Filter(new() { HasText = "Story 1: Protecting children online" }).Locator(".ac-adaptiveCard"))
            .ToContainTextAsync("Protecting children online");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = DocsPicture.PathOf("admin-content-preview.png") });

        // Publish from the preview: the draft runs, and the preview of the running campaign shows it.
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Published version 1", new() { Timeout = Timeout });
        await page.GotoAsync("/admin/content/preview");
        await page.WaitForSelectorAsync("body[data-cards-drawn]", new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("section.preview-card").Filter(new() { HasText = "Story 1: Protecting children online" })).ToHaveCountAsync(1);

        draft["causes"]![1]!["summary"] = "";
        draft["theme"] = new JsonObject { ["accentColor"] = "#FFFF00" };
        await page.Locator("#content").FillAsync(draft.ToJsonString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Check and preview" }).ClickAsync();
        // The summary is missing, and a yellow accent fails both contrast checks.
        await Assertions.Expect(page.Locator("#problem-list li")).ToHaveCountAsync(3, new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("#problem-list")).ToContainTextAsync($"cause '{content.Causes[1].Id}': field 'summary' is missing or empty");
        await Assertions.Expect(page.Locator("#problems")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator(".card-host")).ToHaveCountAsync(0);
        Assert.Contains("Protecting children online", await page.Locator("#content").InputValueAsync());
        // Chromium logs the page's own 422 (the draft was refused, as it should be); that is not a script's error.
        scriptErrors.RemoveAll(error => error.Contains("status of 422", StringComparison.Ordinal) && error.Contains("/admin/content/preview", StringComparison.Ordinal));
        Assert.True(scriptErrors.Count == 0, string.Join(" | ", scriptErrors));
    }

    public void Dispose()
    {
        app.Dispose();
        data.Dispose();
    }
}
