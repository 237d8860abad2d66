using PledgeBot.Dialogs.Content;
using static PledgeBot.SharePage.MessagePage;

namespace PledgeBot.SharePage;

/// <summary>
/// The friendly 404 for any address under /c/ that names no cause (an old link, a typo, a crafted
/// path). It repeats nothing from the request: only the campaign's own titles and links.
/// </summary>
public static class SharePageNotFound
{
    public static IResult Render(HttpContext context, CampaignContent content, string stylesUrl, string themeUrl)
    {
        var causes = string.Join("\n", content.Causes.Select(c =>
            $"""<li><a href="/c/{Html.Encode(Uri.EscapeDataString(c.Id))}">{Html.Encode(c.Title)}</a></li>"""));
        return FriendlyNotFoundPage.Render(context, content, stylesUrl, themeUrl, "cause", $"""
            <p>The link may be old or mistyped. You can still read every story and have your say in the chat.</p>
            <p class="share-action"><a class="share-cta" href="/">Talk to the campaign</a></p>
            <h2>The causes</h2>
            <ul>
            {causes}
            </ul>
            """);
    }
}
