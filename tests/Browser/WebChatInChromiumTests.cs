using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PledgeBot.Dialogs.Content;
using PledgeBot.Storage;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Browser;

/// <summary>
/// The whole web journey in a real browser: the official Web Chat control on our page, talking
/// to the built-in Direct Line of a real host.
/// </summary>
public sealed class WebChatInChromiumTests : IClassFixture<ChromiumBrowser>, IDisposable
{
    private static readonly TimeSpan CardTimeout = TimeSpan.FromSeconds(20);

    private readonly ChromiumBrowser chromium;
    private readonly TempFolder data = new();
    private readonly BotApplication app;
    private readonly CampaignContent content = ShippedCampaign.Load();

    public WebChatInChromiumTests(ChromiumBrowser chromium)
    {
        this.chromium = chromium;
        app = BotApplication.StartOnKestrel(data.Path);
    }

    [Fact]
    public async Task APersonReadsVotesAndPledgesByClickingAndTyping()
    {
        var page = await OpenAsync("/");

        await ClickAsync(page, "Read the stories");
        await SeesAsync(page, "Story 1 of 4");
        await ClickAsync(page, "Next story");
        await SeesAsync(page, "Story 2 of 4");
        await ClickAsync(page, "Vote for this cause");
        await SeesAsync(page, $"Your vote for {content.Causes[1].Title} is recorded");
        await SeesAsync(page, "1 vote so far.");

        await ClickAsync(page, "Take the pledge");
        await SeesAsync(page, "What is your first name?");
        await TypeAsync(page, "Anna");
        await SeesAsync(page, "What is your email address?");
        await TypeAsync(page, "not-an-email");
        await SeesAsync(page, "doesn't look like an email address");
        await TypeAsync(page, "anna@example.org");
        await ClickAsync(page, "Yes, I agree");
        await ClickAsync(page, "Confirm my pledge");
        await SeesAsync(page, "You are the first person to take the #NotOnMyScreen pledge.");

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = DocsPicture.PathOf("web-chat.png") });
    }

    [Fact]
    public async Task AShareLinkOpensTheChatAtThatCausesStory()
    {
        var cause = content.Causes[2];

        var page = await OpenAsync($"/?cause={cause.Id}");

        await SeesAsync(page, "Story 3 of 4");
        await SeesAsync(page, cause.Title);
        var image = page.GetByAltText(cause.Image.AltText).Last;
        await image.WaitForAsync(new() { Timeout = (float)CardTimeout.TotalMilliseconds });
    }

    [Fact]
    public async Task AShareLinksReferralCodeReachesTheBotAndItsVoteIsCreditedToTheLink()
    {
        const string code = "sharer2345";
        var cause = content.Causes[1];
        // As if a supporter had been given it in a share card: only issued codes are counted.
        await app.Services.GetRequiredService<IReferralStore>().RecordIssuedCodeAsync(content.Id, code);

        var page = await OpenAsync($"/?cause={cause.Id}&r={code}");
        await SeesAsync(page, "Story 2 of 4");
        await ClickAsync(page, "Vote for this cause");
        await SeesAsync(page, $"Your vote for {cause.Title} is recorded");

        var counts = await app.Services.GetRequiredService<IReferralStore>().GetCountsAsync(content.Id);
        Assert.Equal([new ReferralCounts(code, cause.Id, 0, 1, 0)], counts);
    }

    public void Dispose()
    {
        app.Dispose();
        data.Dispose();
    }

    private async Task<IPage> OpenAsync(string path)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.ClientOptions.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 420, Height = 900 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        return page;
    }

    /// <summary>Clicks the newest button with that title: older cards keep theirs.</summary>
    private static async Task ClickAsync(IPage page, string title)
    {
        var button = page.GetByRole(AriaRole.Button, new() { Name = title, Exact = true }).Last;
        await button.WaitForAsync(new() { Timeout = (float)CardTimeout.TotalMilliseconds });
        await button.ClickAsync();
    }

    private static async Task SeesAsync(IPage page, string text) =>
        await page.GetByText(text).Last.WaitForAsync(new() { Timeout = (float)CardTimeout.TotalMilliseconds });

    private static async Task TypeAsync(IPage page, string text)
    {
        var sendBox = page.GetByRole(AriaRole.Textbox).Last;
        await sendBox.FillAsync(text);
        await sendBox.PressAsync("Enter");
    }
}
