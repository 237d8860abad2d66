using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PledgeBot.Storage;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Browser;

/// <summary>
/// With the system's "reduce motion" setting, nothing on a page animates: no CSS animation or
/// transition takes any time, and nothing scrolls smoothly.
/// </summary>
public sealed class ReducedMotionInChromiumTests : IClassFixture<ChromiumBrowser>, IDisposable
{
    // Every element and its ::before and ::after that would move: an animation or transition that lasts, or smooth scrolling.
    private const string MovingElementsScript = """
        () => {
          const lasts = durations => durations.split(',').some(d => parseFloat(d) > 0);
          const moving = [];
          for (const element of document.querySelectorAll('*')) {
            for (const pseudo of [null, '::before', '::after']) {
              const style = getComputedStyle(element, pseudo);
              const what = element.tagName.toLowerCase() + (element.className && typeof element.className === 'string' ? '.' + element.className.trim().split(/\s+/).join('.') : '') + (pseudo || '');
              if (style.animationName !== 'none' && lasts(style.animationDuration)) {
                moving.push(what + ': animation ' + style.animationName + ' ' + style.animationDuration);
              }
              if (lasts(style.transitionDuration)) {
                moving.push(what + ': transition ' + style.transitionProperty + ' ' + style.transitionDuration);
              }
              if (pseudo === null && style.scrollBehavior === 'smooth') {
                moving.push(what + ': smooth scrolling');
              }
            }
          }
          return moving;
        }
        """;

    private readonly ChromiumBrowser chromium;
    private readonly TempFolder data = new();
    private readonly BotApplication app;

    public ReducedMotionInChromiumTests(ChromiumBrowser chromium)
    {
        this.chromium = chromium;
        // One test moves follow-ups along itself (queued, recorded) to watch the admin page change: the host's sender must not.
        app = BotApplication.StartOnKestrel(data.Path, AdminRequests.Settings(), FollowUpSubscribers.WithoutTheSender);
    }

    [Theory]
    [MemberData(nameof(SupporterPages.Paths), MemberType = typeof(SupporterPages))]
    public async Task NothingMovesOnASupporterPageWhenThePersonAsksForReducedMotion(string path)
    {
        var page = await SupporterPages.OpenAsync(chromium, app, path, new BrowserNewContextOptions { ReducedMotion = ReducedMotion.Reduce });

        Assert.Empty(await page.EvaluateAsync<string[]>(MovingElementsScript));
    }

    [Fact]
    public async Task NothingMovesOnTheChatPageWhileTheBotIsAnsweringWhenThePersonAsksForReducedMotion()
    {
        var page = await SupporterPages.OpenAsync(chromium, app, "/", new BrowserNewContextOptions { ReducedMotion = ReducedMotion.Reduce });
        var chat = new WebChatInPage(page);

        await chat.ClickAsync("Read the stories");
        await chat.SeesAsync("Story 1 of 4");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next story", Exact = true }).Last.HoverAsync();

        Assert.Empty(await page.EvaluateAsync<string[]>(MovingElementsScript));
    }

    [Fact]
    public async Task NothingMovesOnTheAdminDashboardWhenTheManagerAsksForReducedMotion()
    {
        var admin = await AdminInChromium.SignInAsync(chromium, app, width: 1200, timeout: 60_000);
        await admin.Page.EmulateMediaAsync(new() { ReducedMotion = ReducedMotion.Reduce });
        await admin.Page.WaitForSelectorAsync("body[data-refreshed]", new() { Timeout = 60_000 });

        Assert.Empty(await admin.Page.EvaluateAsync<string[]>(MovingElementsScript));
    }

    [Fact]
    public async Task NothingMovesOnTheFollowUpsPageWhileAnUpdatesFiguresChangeWhenTheManagerAsksForReducedMotion()
    {
        var campaignId = ShippedCampaign.Load().Id;
        var now = DateTimeOffset.UtcNow;
        await app.SubscribeInTeamsAsync("anna");
        var queue = app.Services.GetRequiredService<IFollowUpQueue>();
        await queue.AddAsync(new FollowUpUpdate("results", campaignId, FollowUpKind.VotingClosed, "voting-closed", FollowUpAudience.Everyone, null, now, now));
        await queue.QueueDueAsync(now);
        var admin = await AdminInChromium.SignInAsync(chromium, app, width: 1200, timeout: 60_000);
        await admin.Page.EmulateMediaAsync(new() { ReducedMotion = ReducedMotion.Reduce });
        await admin.Page.GotoAsync("/admin/follow-ups");
        await admin.Page.WaitForSelectorAsync("body[data-refreshed]", new() { Timeout = 60_000 });

        await queue.RecordAsync("results", "person-key-anna", FollowUpOutcome.Sent, DateTimeOffset.UtcNow);
        await admin.Page.Clock.FastForwardAsync(5_000);
        await Assertions.Expect(admin.Page.Locator("[data-figure=sent]")).ToHaveTextAsync("1", new() { Timeout = 60_000 });

        Assert.Empty(await admin.Page.EvaluateAsync<string[]>(MovingElementsScript));
    }

    public void Dispose()
    {
        app.Dispose();
        data.Dispose();
    }
}
