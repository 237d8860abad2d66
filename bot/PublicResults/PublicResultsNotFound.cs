using PledgeBot.Dialogs.Content;
using PledgeBot.Pages;
using PledgeBot.SharePage;
using static PledgeBot.SharePage.MessagePage;

namespace PledgeBot.PublicResults;

/// <summary>The friendly 404 for any address under /results/: it repeats nothing from the request and leads to the results and the chat.</summary>
public static class PublicResultsNotFound
{
    public static IResult Render(HttpContext context, CampaignContent content, string stylesUrl, string themeUrl) =>
        FriendlyNotFoundPage.Render(context, content, stylesUrl, themeUrl, PageWords.PageNotFoundTitle, PageWords.PageNotFoundHeading, $"""
            <p>{PageText.FormatHtml(PageWords.OldLinkResultsAre, $"""<a href="{Html.Encode(PageLanguage.InLanguage("/results", content))}">/results</a>""")}</p>
            <p class="share-action"><a class="share-cta" href="{Html.Encode(PageLanguage.InLanguage("/", content))}">{Html.Encode(PageWords.TalkToTheCampaign)}</a></p>
            """);
}
