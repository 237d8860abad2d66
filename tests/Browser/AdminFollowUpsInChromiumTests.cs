using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PledgeBot.Storage;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Browser;

/// <summary>
/// A campaign manager writes an update in a real browser, sees its card drawn by the Adaptive
/// Cards renderer and whom it would reach, sends it, and watches its progress move without
/// reloading the page.
/// </summary>
public sealed class AdminFollowUpsInChromiumTests : IClassFixture<ChromiumBrowser>, IDisposable
{
    // Generous: the first Chromium start on a loaded CI machine takes many seconds; nothing here is a timing check.
    private const float Timeout = 60_000;

    private readonly ChromiumBrowser chromium;
    private readonly TempFolder data = new();
    private readonly BotApplication app;

    public AdminFollowUpsInChromiumTests(ChromiumBrowser chromium)
    {
        this.chromium = chromium;
        app = BotApplication.StartOnKestrel(data.Path, AdminRequests.Settings(), FollowUpSubscribers.WithoutTheSender);
    }

    [Fact]
    public async Task AnUpdateIsWrittenPreviewedSentAndItsProgressMovesOnThePageByItself()
    {
        var campaignId = ShippedCampaign.Load().Id;
        await app.SubscribeInTeamsAsync("anna", "ben", "carla");

        var admin = await AdminInChromium.SignInAsync(chromium, app, width: 1200, Timeout);
        var page = admin.Page;
        await page.GotoAsync("/admin/follow-ups/new");
        await page.Locator("#title-en").FillAsync("Voting has closed");
        await page.Locator("#text-en").FillAsync("Thank you for voting.\n\nThe results are on the campaign's page.");
        await page.GetByLabel("Who gets it").SelectOptionAsync("all");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await page.WaitForSelectorAsync("body[data-cards-drawn]", new() { Timeout = Timeout });

        var english = page.Locator("section.preview-card").Filter(new() { HasText = "Readers in English (en)" });
        await Assertions.Expect(english.Locator(".ac-adaptiveCard")).ToContainTextAsync("Voting has closed");
        await Assertions.Expect(english.Locator(".ac-adaptiveCard")).ToContainTextAsync("The results are on the campaign's page.");
        await Assertions.Expect(page.Locator("#reach")).ToHaveTextAsync("Sent now, this update would reach 3 people.");

        await page.GetByRole(AriaRole.Button, new() { Name = "Send now" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/follow-ups?done=sent", new() { Timeout = Timeout });
        await page.WaitForSelectorAsync("body[data-refreshed]", new() { Timeout = Timeout });
        var row = page.Locator("#follow-ups-table tbody tr").First;
        await Assertions.Expect(row).ToContainTextAsync("Update: “Voting has closed”");

        // The sender (a background service of its own) queues the update and two deliveries end.
        var queue = app.Services.GetRequiredService<IFollowUpQueue>();
        var now = DateTimeOffset.UtcNow;
        await queue.QueueDueAsync(now);
        var id = Assert.Single(await queue.ProgressAsync(campaignId)).UpdateId;
        await queue.RecordAsync(id, "person-key-anna", FollowUpOutcome.Sent, now);
        await queue.RecordAsync(id, "person-key-ben", new FollowUpOutcome(FollowUpDeliveryStatus.Blocked, "http 403"), now);
        await page.Clock.FastForwardAsync(5_000);

        await Assertions.Expect(row.Locator("[data-figure=sent]")).ToHaveTextAsync("1", new() { Timeout = Timeout });
        await Assertions.Expect(row.Locator("[data-figure=blocked]")).ToHaveTextAsync("1");
        await Assertions.Expect(row.Locator("[data-figure=pending]")).ToHaveTextAsync("1");
        await Assertions.Expect(row.Locator("[data-figure=done]")).ToHaveTextAsync("2 of 3 done (66%)");
        await Assertions.Expect(row.Locator("[data-figure=state]")).ToHaveTextAsync("Sending");
        await Assertions.Expect(row.Locator("[data-figure=timeToFinish]")).ToHaveTextAsync("Less than a minute");
        Assert.Equal("66", await row.Locator("progress").EvaluateAsync<string>("p => String(p.value)"));
        Assert.True(admin.ScriptErrors.Count == 0, string.Join(" | ", admin.ScriptErrors));
    }

    public void Dispose()
    {
        app.Dispose();
        data.Dispose();
    }
}
