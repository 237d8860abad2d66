using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PledgeBot.Dialogs.Content;
using PledgeBot.FollowUps;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Browser;

/// <summary>
/// Every page under axe-core's WCAG 2.x A and AA rules in Chromium: the supporter pages in the
/// supporter's language, the chat page with each kind of card drawn, and the admin area.
/// </summary>
public sealed class AccessibilityInChromiumTests : IClassFixture<ChromiumBrowser>, IDisposable
{
    // Generous: the first Chromium start on a loaded CI machine takes many seconds; nothing here is a timing check.
    private const float Timeout = 60_000;

    private readonly ChromiumBrowser chromium;
    private readonly TempFolder data = new();
    private readonly BotApplication app;
    private readonly CampaignContent content = ShippedCampaign.Load();

    public AccessibilityInChromiumTests(ChromiumBrowser chromium)
    {
        this.chromium = chromium;
        app = BotApplication.StartOnKestrel(data.Path, AdminRequests.Settings());
    }

    [Theory]
    [MemberData(nameof(SupporterPages.PathsInEachLanguage), MemberType = typeof(SupporterPages))]
    public async Task ASupporterPageHasNoWcagViolations(string path, string language)
    {
        var page = await SupporterPages.OpenAsync(chromium, app, path, language);

        await AxeInChromium.AssertNoViolationsAsync(page, SupporterPages.WithLanguage(path, language));
    }

    [Theory]
    [MemberData(nameof(SupporterPageLanguages))]
    public async Task TheUnsubscribePageWithItsButtonHasNoWcagViolations(string language)
    {
        // Any well-signed link shows the button (opening it changes nothing), so nobody need be subscribed.
        var token = app.Services.GetRequiredService<UnsubscribeTokens>().Create(content.Id, "person-key-of-nobody");
        var page = await SupporterPages.OpenAsync(chromium, app, $"/unsubscribe?token={token}", language);

        await AxeInChromium.AssertNoViolationsAsync(page, $"the unsubscribe page with its button ({language})");
    }

    public static TheoryData<string> SupporterPageLanguages => new(SupporterPages.Languages);

    [Fact]
    public async Task TheChatPageHasNoWcagViolationsWithEachKindOfCardDrawn()
    {
        var page = await SupporterPages.OpenAsync(chromium, app, "/");
        var chat = new WebChatInPage(page);

        await chat.SeesButtonAsync("Read the stories");
        await AxeInChromium.AssertNoViolationsAsync(page, "the chat page with the welcome card");

        await chat.ClickAsync("Read the stories");
        await chat.SeesAsync("Story 1 of 4");
        await chat.ImageLoadedAsync(content.Causes[0].Image.AltText);
        await AxeInChromium.AssertNoViolationsAsync(page, "the chat page with a story card");

        await chat.ClickAsync("Vote for this cause");
        await chat.SeesAsync($"Your vote for {content.Causes[0].Title} is recorded");
        await chat.TypeAsync("vote");
        await chat.SeesAsync("Vote for a cause");
        await AxeInChromium.AssertNoViolationsAsync(page, "the chat page with the results and the ballot");

        await chat.ClickAsync("Take the pledge");
        await chat.ClickAsync("Use a form instead");
        await chat.FillAsync("First name", "Anna");
        await chat.FillAsync("Email address", "not-an-email");
        // The consent box is required, so Web Chat would not send the form without it; the email's mistake is the server's to find.
        await page.GetByRole(AriaRole.Checkbox).Last.CheckAsync();
        await chat.ClickAsync("Continue");
        await chat.SeesAsync("Please check your answers");
        await AxeInChromium.AssertNoViolationsAsync(page, "the chat page with the pledge form and its error");

        await chat.TypeAsync("my data");
        await chat.SeesAsync("What we have stored about you");
        await AxeInChromium.AssertNoViolationsAsync(page, "the chat page with the my-data card");
    }

    [Fact]
    public async Task TheAdminSignInPageHasNoWcagViolations()
    {
        var page = await (await chromium.Browser.NewContextAsync(new() { BaseURL = app.ClientOptions.BaseAddress.ToString() })).NewPageAsync();
        await page.GotoAsync("/admin/sign-in");

        await AxeInChromium.AssertNoViolationsAsync(page, "the admin sign-in page");
    }

    [Theory]
    [InlineData("/admin/")]
    [InlineData("/admin/content")]
    [InlineData("/admin/content/preview")]
    [InlineData("/admin/voting")]
    [InlineData("/admin/forget")]
    [InlineData("/admin/crm")]
    [InlineData("/admin/follow-ups")]
    [InlineData("/admin/follow-ups/new")]
    public async Task AnAdminPageHasNoWcagViolations(string path)
    {
        var admin = await AdminInChromium.SignInAsync(chromium, app, width: 1200, Timeout);
        await admin.Page.GotoAsync(path);
        await admin.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        if (path == "/admin/content/preview")
        {
            await admin.Page.WaitForSelectorAsync("body[data-cards-drawn]", new() { Timeout = Timeout });
        }

        await AxeInChromium.AssertNoViolationsAsync(admin.Page, path);
    }

    [Fact]
    public async Task TheFollowUpPagesHaveNoWcagViolationsWithAnUpdateListedPreviewedAndRefused()
    {
        var admin = await AdminInChromium.SignInAsync(chromium, app, width: 1200, Timeout);
        var page = admin.Page;
        await page.GotoAsync("/admin/follow-ups/new");
        await page.Locator("#title-en").FillAsync("Voting has closed");
        await page.Locator("#text-en").FillAsync("Thank you for voting.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await page.WaitForSelectorAsync("body[data-cards-drawn]", new() { Timeout = Timeout });
        await AxeInChromium.AssertNoViolationsAsync(page, "the follow-up form with its preview");

        await page.Locator("#sendAt").FillAsync("2020-01-01T10:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule" }).ClickAsync();
        await Assertions.Expect(page.Locator("#sendAt-error")).ToContainTextAsync("has passed", new() { Timeout = Timeout });
        await AxeInChromium.AssertNoViolationsAsync(page, "the follow-up form with a problem");

        await page.Locator("#sendAt").FillAsync("2030-01-01T10:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/follow-ups?done=scheduled", new() { Timeout = Timeout });
        await page.WaitForSelectorAsync("body[data-refreshed]", new() { Timeout = Timeout });
        await AxeInChromium.AssertNoViolationsAsync(page, "the follow-ups list with a scheduled update");
    }

    public void Dispose()
    {
        app.Dispose();
        data.Dispose();
    }
}
