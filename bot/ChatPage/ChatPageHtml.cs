using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using PledgeBot.Dialogs.Content;
using PledgeBot.Pages;

namespace PledgeBot.ChatPage;

/// <summary>
/// Writes the chat page. Every piece of content is HTML-encoded; the only script in the page
/// itself is the JSON config, and that has no logic.
/// </summary>
public static class ChatPageHtml
{
    // Leaves letters of every script readable in the source while still encoding < > & " ' and friends.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    // The default JavaScript encoder writes < > & ' as \u003C-style escapes, so no value can end
    // the <script> element ("</script>") or open a comment inside it.
    private static readonly JsonSerializerOptions ConfigJson = new(JsonSerializerDefaults.Web);

    /// <param name="content">The campaign in the page's language.</param>
    public static string Render(CampaignContent content, ChatPageConfig config, ChatPageAssets assets)
    {
        var campaignIntro = content.Intro;
        var title = Html.Encode(content.Title);
        var theme = config.Theme;

        // The colours go into CSS, where HTML encoding would not help: only #RRGGBB may pass.
        string[] colors = [theme.AccentColor, theme.BackgroundColor, theme.TextOnBackgroundColor];
        if (!colors.All(ColorContrast.IsHexColor))
        {
            throw new ArgumentException("Theme colours must be #RRGGBB.", nameof(config));
        }

        return $$"""
            <!DOCTYPE html>
            <html {{PageLanguage.HtmlAttributes(content)}}>
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{title}}</title>
            <meta name="description" content="{{Html.Encode(campaignIntro)}}">
            <meta name="theme-color" content="{{theme.AccentColor}}">
            <link rel="icon" href="data:,"><!-- no icon: spares every visit a request that would only 404 -->
            <link rel="stylesheet" href="{{Html.Encode(assets.ChatStylesUrl)}}">
            <style nonce="{{Html.Encode(config.StyleNonce)}}">:root { --accent: {{theme.AccentColor}}; --background: {{theme.BackgroundColor}}; --text-on-background: {{theme.TextOnBackgroundColor}}; }</style>
            <script src="{{Html.Encode(assets.WebChatScriptUrl)}}" defer></script>
            <script src="{{Html.Encode(assets.ChatScriptUrl)}}" defer></script>
            </head>
            <body>
            <header class="page-header">
            <h1>{{title}}</h1>
            <p class="page-intro">{{Html.Encode(campaignIntro)}}</p>
            </header>
            <main class="page-main">
            <noscript><p class="chat-notice">{{Html.Encode(PageWords.ChatNeedsJavaScript)}}</p></noscript>
            <div class="chat-notice chat-problem" id="chat-problem" hidden>
            <p id="chat-problem-message" role="alert"></p>
            <button type="button" id="chat-retry">{{Html.Encode(PageWords.TryAgain)}}</button>
            </div>
            <div id="webchat" class="webchat" role="region" aria-label="{{Html.Encode(PageText.Format(PageWords.ChatRegionLabel, content.Title))}}"></div>
            </main>
            <script type="application/json" id="chat-config">{{JsonSerializer.Serialize(config, ConfigJson)}}</script>
            </body>
            </html>

            """;
    }
}
