using System.Text.Encodings.Web;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Words;
using PledgeBot.Pages;

namespace PledgeBot.ChatPage;

/// <summary>
/// GET /privacy (and /terms, which points into it): the campaign's privacy statement and terms of
/// use as a plain page. The Teams app manifest links here, and people should be able to read
/// what happens to their answers without opening the chat.
/// </summary>
public static class PrivacyPage
{
    public static void MapPrivacyPage(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/privacy", Render).InSupporterLanguage();
        // The Teams manifest links to /terms in each language (?lang=xx): the language goes along.
        routes.MapGet("/terms", (CurrentCampaign campaign) => Results.Redirect(PageLanguage.InLanguage("/privacy#terms", campaign.Content)))
            .InSupporterLanguage();
    }

    private static IResult Render(CurrentCampaign campaign)
    {
        var content = campaign.Content;
        var html = HtmlEncoder.Default;
        var title = html.Encode(content.Title);
        // The words to type in the reader's language (the bot understands them, and the English ones, in a turn in that language).
        var commands = new[] { "TypedMyData", "TypedStop", "TypedForgetMe" }
            .Select(words => $"<strong>{html.Encode(TypedWords.First(words))}</strong>").ToArray();
        var page = $"""
            <!DOCTYPE html>
            <html {PageLanguage.HtmlAttributes(content)}>
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>{html.Encode(PageWords.PrivacyAndTerms)} – {title}</title>
            </head>
            <body>
              <main>
                <h1>{html.Encode(PageText.Format(PageWords.PrivacyPageHeading, content.Title))}</h1>
                <h2 id="privacy">{html.Encode(PageWords.PrivacyHeading)}</h2>
                <p>{html.Encode(content.PrivacyStatement)}</p>
                <p>{html.Encode(PageWords.HowDataIsStored)}</p>
                <h2 id="your-data">{html.Encode(PageWords.YourDataHeading)}</h2>
                <p>{PageText.FormatHtml(PageWords.YourDataCommands, commands)}</p>
                <h2 id="terms">{html.Encode(PageWords.TermsHeading)}</h2>
                <p>{html.Encode(PageWords.TermsText)}</p>
                <p><a href="{html.Encode(PageLanguage.InLanguage("/", content))}">{html.Encode(PageWords.BackToTheChat)}</a></p>
              </main>
            </body>
            </html>
            """;
        return Results.Content(page, "text/html; charset=utf-8");
    }
}
