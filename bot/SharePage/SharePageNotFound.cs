using PledgeBot.Dialogs.Content;
using PledgeBot.Pages;
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
            $"""<li><a href="{Html.Encode(PageLanguage.InLanguage($"/c/{Uri.EscapeDataString(c.Id)}", content))}">{Html.Encode(c.Title)}</a></li>"""));
        return FriendlyNotFoundPage.Render(context, content, stylesUrl, themeUrl, PageWords.CauseNotFoundTitle, PageWords.CauseNotFoundHeading, $"""
            <p>{Html.Encode(PageWords.OldLinkReadTheStories)}</p>
            <p class="share-action"><a class="share-cta" href="{Html.Encode(PageLanguage.InLanguage("/", content))}">{Html.Encode(PageWords.TalkToTheCampaign)}</a></p>
            <h2>{Html.Encode(PageWords.TheCauses)}</h2>
            <ul>
            {causes}
            </ul>
            """);
    }
}
