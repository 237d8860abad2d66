using System.Text.Json;
using Microsoft.Playwright;
using PledgeBot.Dialogs.Content;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Browser;

/// <summary>
/// The whole journey on the chat page with the keyboard alone (Tab, Shift+Tab, Enter and typing,
/// no mouse and no focus set by the test), the focused element on screen and ringed at every step.
/// </summary>
public sealed class KeyboardOnlyInChromiumTests : IClassFixture<ChromiumBrowser>, IDisposable
{
    private const int MostTabsToReachAnything = 12;

    // What the page shows of the focused element: the element itself, or for Web Chat's end-of-history
    // marker (no height of its own) the label it shows while focused.
    private const string FocusedElementScript = """
        () => {
          const focused = document.activeElement;
          if (!focused || focused === document.body) {
            return { name: 'nothing (the page itself)', visible: false, ring: 'none' };
          }
          let shown = focused;
          const sized = element => { const box = element.getBoundingClientRect(); return box.width > 0 && box.height > 0; };
          if (!sized(focused)) {
            shown = Array.from(focused.querySelectorAll('*')).find(sized) || focused;
          }
          const box = shown.getBoundingClientRect();
          const style = getComputedStyle(shown);
          const onScreen = box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
            && box.top < window.innerHeight && box.left < window.innerWidth
            && style.visibility !== 'hidden' && Number(style.opacity) > 0;
          const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 && style.outlineColor !== 'rgba(0, 0, 0, 0)';
          const name = (focused.getAttribute('aria-label') || focused.getAttribute('title') || focused.innerText || '').trim().split('\n')[0];
          return {
            name: focused.tagName.toLowerCase() + ' "' + name.slice(0, 60) + '"',
            visible: onScreen,
            ring: outline ? 'outline ' + style.outlineWidth + ' ' + style.outlineStyle + ' ' + style.outlineColor
              : (style.boxShadow !== 'none' ? 'box-shadow ' + style.boxShadow : 'none'),
            isConversation: focused.classList.contains('webchat__basic-transcript'),
            isSendBox: focused.getAttribute('data-id') === 'webchat-sendbox-input'
          };
        }
        """;

    private readonly ChromiumBrowser chromium;
    private readonly TempFolder data = new();
    private readonly BotApplication app;
    private readonly CampaignContent content = ShippedCampaign.Load();
    private readonly List<string> steps = [];
    private IPage page = null!;

    public KeyboardOnlyInChromiumTests(ChromiumBrowser chromium)
    {
        this.chromium = chromium;
        app = BotApplication.StartOnKestrel(data.Path);
    }

    [Fact]
    public async Task APersonReadsVotesAndPledgesWithTheKeyboardAloneAndAlwaysSeesWhereTheFocusIs()
    {
        page = await SupporterPages.OpenAsync(chromium, app, "/", new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 420, Height = 900 } });
        var chat = new WebChatInPage(page);

        await TabUntilAsync("Tab", focused => focused.IsConversation, "the conversation");
        await PressAsync("Enter");
        await PressButtonAsync("Read the stories");
        await chat.SeesAsync("Story 1 of 4");
        await PicturesLoadedAsync();

        await PressButtonInNewestMessageAsync("Next story");
        await chat.SeesAsync("Story 2 of 4");
        await PicturesLoadedAsync();
        await PressButtonInNewestMessageAsync("Vote for this cause");
        await chat.SeesAsync($"Your vote for {content.Causes[1].Title} is recorded");
        await chat.SeesAsync("1 vote so far.");

        await PressButtonInNewestMessageAsync("Take the pledge");
        await chat.SeesAsync("What is your first name?");
        await AnswerInSendBoxAsync("Anna");
        await chat.SeesAsync("What is your email address?");
        await AnswerInSendBoxAsync("not-an-email");
        await chat.SeesAsync("doesn't look like an email address");
        await AnswerInSendBoxAsync("anna@example.org");
        await chat.SeesButtonAsync("Yes, I agree");
        await PressButtonInNewestMessageAsync("Yes, I agree");
        await chat.SeesButtonAsync("Confirm my pledge");
        await PressButtonInNewestMessageAsync("Confirm my pledge");
        await chat.SeesAsync("You are the first person to take the #NotOnMyScreen pledge.");

        // The question about updates that follows, answered with the keyboard too.
        await chat.SeesButtonAsync("Yes, email me");
        await PressButtonInNewestMessageAsync("Yes, email me");
        await chat.SeesAsync("We will email you when voting closes");
    }

    public void Dispose()
    {
        app.Dispose();
        data.Dispose();
    }

    /// <summary>
    /// Waits until every picture on the page has loaded: a story's picture that arrives after Web
    /// Chat scrolled a focused button into view grows the card above it and pushes the button out
    /// of sight (a CI run saw "Next story" focused and off screen). A reader waits for the story too.
    /// </summary>
    private Task PicturesLoadedAsync() =>
        page.WaitForFunctionAsync("() => Array.from(document.images).every(image => image.complete)", null, new() { Timeout = 15_000 });

    /// <summary>From the send box back into the conversation, Enter into its newest message, then Tab to the button and Enter.</summary>
    private async Task PressButtonInNewestMessageAsync(string title)
    {
        await TabUntilAsync("Shift+Tab", focused => focused.IsConversation, "the conversation");
        await PressAsync("Enter");
        await PressButtonAsync(title);
    }

    /// <summary>Tabs through the focused message's controls (Web Chat keeps Tab inside a message) to the button, and presses Enter.</summary>
    private async Task PressButtonAsync(string title)
    {
        var button = $"button \"{title}\"";
        if ((await FocusedAsync()).Name != button)
        {
            await TabUntilAsync("Tab", focused => focused.Name == button, button);
        }

        await PressAsync("Enter");
        // The card's action takes the focus to the send box (chat.js), before the reply comes.
        await Assertions.Expect(page.Locator("[data-id=webchat-sendbox-input]")).ToBeFocusedAsync();
        await AssertFocusIsVisibleAsync($"after pressing {button}");
    }

    private async Task AnswerInSendBoxAsync(string text)
    {
        var focused = await FocusedAsync();
        Assert.True(focused.IsSendBox, $"Expected the send box to have the focus, but {focused.Name} has it. Steps: {string.Join(", ", steps)}");
        await page.Keyboard.TypeAsync(text);
        steps.Add($"type '{text}'");
        await PressAsync("Enter");
    }

    private async Task TabUntilAsync(string key, Func<FocusedElement, bool> reached, string what)
    {
        for (var i = 0; i < MostTabsToReachAnything; i++)
        {
            if (reached(await PressAsync(key)))
            {
                return;
            }
        }

        Assert.Fail($"{key} never reached {what}. Steps: {string.Join(", ", steps)}");
    }

    private async Task<FocusedElement> PressAsync(string key)
    {
        await page.Keyboard.PressAsync(key);
        var focused = await FocusedAsync();
        steps.Add($"{key} -> {focused.Name}");
        await AssertFocusIsVisibleAsync($"after {key}");
        return focused;
    }

    private async Task AssertFocusIsVisibleAsync(string when)
    {
        // Web Chat scrolls a message it focuses into view with a short animation: wait for it to end.
        try
        {
            await page.WaitForFunctionAsync($"() => ({FocusedElementScript})().visible", null, new() { Timeout = 10_000 });
        }
        catch (PlaywrightException)
        {
            // Not on screen even then: the assertion below says what has the focus.
        }

        var focused = await FocusedAsync();
        Assert.True(focused.Visible, $"{when}, {focused.Name} has the focus but is not on screen. Steps: {string.Join(", ", steps)}");
        Assert.True(focused.Ring != "none", $"{when}, {focused.Name} has the focus but no visible focus ring. Steps: {string.Join(", ", steps)}");
    }

    private async Task<FocusedElement> FocusedAsync() =>
        (await page.EvaluateAsync<JsonElement>(FocusedElementScript)).Deserialize<FocusedElement>(new JsonSerializerOptions(JsonSerializerDefaults.Web))!;

    private sealed record FocusedElement(string Name, bool Visible, string Ring, bool IsConversation, bool IsSendBox);
}
