using System.Globalization;
using Microsoft.Playwright;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Words;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Browser;

/// <summary>
/// The web chat in Arabic, as a supporter opening a link with ?lang=ar sees it: the page, Web Chat
/// and every card right to left, the campaign's Arabic texts and the bot's Arabic words, and no
/// WCAG violation on the way. Its last screenshot is the README's Arabic picture.
/// </summary>
public sealed class ArabicWebChatInChromiumTests : IClassFixture<ChromiumBrowser>, IDisposable
{
    private readonly ChromiumBrowser chromium;
    private readonly TempFolder data = new();
    private readonly BotApplication app;
    private readonly CampaignContent arabic = ShippedCampaign.Load().In(CultureInfo.GetCultureInfo("ar"));

    public ArabicWebChatInChromiumTests(ChromiumBrowser chromium)
    {
        this.chromium = chromium;
        app = BotApplication.StartOnKestrel(data.Path);
    }

    [Fact]
    public async Task AnArabicSpeakerReadsAndVotesRightToLeftInArabic()
    {
        var page = await SupporterPages.OpenAsync(chromium, app, "/", "ar", new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 420, Height = 900 },
        });
        var chat = new WebChatInPage(page);

        Assert.Equal("rtl", await page.GetAttributeAsync("html", "dir"));
        Assert.Equal("ar", await page.GetAttributeAsync("html", "lang"));
        await chat.SeesAsync(arabic.Title);

        await chat.ClickAsync(Arabic(() => BotWords.ReadTheStories));
        await chat.SeesAsync(Arabic(() => string.Format(CultureInfo.GetCultureInfo("ar"), BotWords.StoryPosition, 1, arabic.Causes.Count)));
        await chat.SeesAsync(arabic.Causes[0].Title);
        await chat.ImageLoadedAsync(arabic.Causes[0].Image.AltText);
        // The card itself is laid out right to left, not only the page around it.
        Assert.True(await page.Locator(".ac-adaptiveCard[dir=rtl]").CountAsync() > 0, "The story card is not drawn right to left.");
        await AxeInChromium.AssertNoViolationsAsync(page, "the Arabic chat page with a story card");

        await chat.ClickAsync(Arabic(() => BotWords.NextStory));
        await chat.SeesAsync(arabic.Causes[1].Title);
        await chat.ClickAsync(Arabic(() => BotWords.VoteForThisCause));
        await chat.SeesAsync(Arabic(() => string.Format(CultureInfo.GetCultureInfo("ar"), BotWords.VoteRecorded, arabic.Causes[1].Title)));
        await AxeInChromium.AssertNoViolationsAsync(page, "the Arabic chat page after a vote");

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = DocsPicture.PathOf("web-chat-arabic.png") });
    }

    public void Dispose()
    {
        app.Dispose();
        data.Dispose();
    }

    private static string Arabic(Func<string> words) => InLanguage.Run("ar", words);
}
