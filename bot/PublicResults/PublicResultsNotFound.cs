using PledgeBot.Dialogs.Content;
using PledgeBot.SharePage;

namespace PledgeBot.PublicResults;

/// <summary>The friendly 404 for any address under /results/: it repeats nothing from the request and leads to the results and the chat.</summary>
public static class PublicResultsNotFound
{
    public static IResult Render(HttpContext context, CampaignContent content, string stylesUrl, string themeUrl) =>
        FriendlyNotFoundPage.Render(context, content, stylesUrl, themeUrl, "page", """
            <p>The link may be old or mistyped. The campaign's results are at <a href="/results">/results</a>.</p>
            <p class="share-action"><a class="share-cta" href="/">Talk to the campaign</a></p>
            """);
}
