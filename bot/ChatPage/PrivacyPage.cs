using System.Text.Encodings.Web;
using PledgeBot.Dialogs.Content;

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
        routes.MapGet("/privacy", Render);
        routes.MapGet("/terms", () => Results.Redirect("/privacy#terms"));
    }

    private static IResult Render(CurrentCampaign campaign)
    {
        var content = campaign.Content;
        var html = HtmlEncoder.Default;
        var title = html.Encode(content.Title);
        var page = $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>Privacy and terms – {title}</title>
            </head>
            <body>
              <main>
                <h1>{title}: privacy and terms</h1>
                <h2 id="privacy">Privacy</h2>
                <p>{html.Encode(content.PrivacyStatement)}</p>
                <p>Votes are stored under a keyed hash of your chat account, never under your name or
                account id. A pledge stores the first name and email address you confirmed, encrypted,
                with a record of the statement you agreed to and when.</p>
                <h2 id="your-data">Your data</h2>
                <p>In the chat, at any time: type <strong>my data</strong> to see everything stored about
                you, <strong>stop</strong> so that the campaign no longer contacts you (your pledge still
                counts), or <strong>forget me</strong> to erase your vote and pledges.</p>
                <h2 id="terms">Terms of use</h2>
                <p>The campaign bot is free to use. Each person has one vote per campaign and may change
                it; a pledge counts once per email address. Please be respectful: the stories are about
                real people.</p>
                <p><a href="/">Back to the chat</a></p>
              </main>
            </body>
            </html>
            """;
        return Results.Content(page, "text/html; charset=utf-8");
    }
}
