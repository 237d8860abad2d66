using Microsoft.Playwright;

namespace PledgeBot.Tests.Support;

/// <summary>A person using the Web Chat control on a page: reads, clicks the newest card's buttons, fills its fields, types into the send box.</summary>
public sealed class WebChatInPage(IPage page)
{
    private static readonly float CardTimeout = (float)TimeSpan.FromSeconds(30).TotalMilliseconds;

    public async Task SeesAsync(string text) =>
        await page.GetByText(text).Last.WaitForAsync(new() { Timeout = CardTimeout });

    public async Task SeesButtonAsync(string title) =>
        await NewestButton(title).WaitForAsync(new() { Timeout = CardTimeout });

    /// <summary>Clicks the newest button with that title: older cards keep theirs.</summary>
    public async Task ClickAsync(string title)
    {
        await SeesButtonAsync(title);
        await NewestButton(title).ClickAsync();
    }

    public async Task FillAsync(string label, string text)
    {
        // A required input's label ends with the renderer's " *" mark.
        var field = page.GetByLabel(new System.Text.RegularExpressions.Regex($"^{System.Text.RegularExpressions.Regex.Escape(label)}(\\s*\\*)?$")).Last;
        await field.WaitForAsync(new() { Timeout = CardTimeout });
        await field.FillAsync(text);
    }

    public async Task TypeAsync(string text)
    {
        var sendBox = page.GetByRole(AriaRole.Textbox).Last;
        await sendBox.FillAsync(text);
        await sendBox.PressAsync("Enter");
    }

    /// <summary>Waits until the newest image with that alt text has loaded (axe judges what is drawn).</summary>
    public async Task ImageLoadedAsync(string altText)
    {
        var image = page.GetByAltText(altText).Last;
        await image.WaitForAsync(new() { Timeout = CardTimeout });
        await Assertions.Expect(image).ToHaveJSPropertyAsync("complete", true, new() { Timeout = CardTimeout });
    }

    private ILocator NewestButton(string title) => page.GetByRole(AriaRole.Button, new() { Name = title, Exact = true }).Last;
}
