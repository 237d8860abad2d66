using Newtonsoft.Json.Linq;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Pages;

public sealed class ShareLinkLanguageTests(TranslatedPagesSite site) : IClassFixture<TranslatedPagesSite>
{
    [Theory]
    [InlineData("fr-FR", "&lang=fr")]
    [InlineData("ar-YE", "&lang=ar")]
    [InlineData("en-GB", "")]
    public async Task AShareLinkCarriesTheSharersLanguageUnlessItIsTheDefault(string locale, string expectedTail)
    {
        var person = new ChannelActivities($"sharer-{locale}", $"share-conversation-{locale}");
        var stories = await site.App.ExpectRepliesAsync(InLocale(person.Message("stories"), locale));
        var shareData = stories.Select(r => r.AsCard()).SelectMany(c => c.Actions())
            .Select(a => a["data"] as JObject)
            .First(d => d is not null && d.ToString().Contains("share", StringComparison.OrdinalIgnoreCase))!;

        var replies = await site.App.ExpectRepliesAsync(InLocale(person.Click(shareData), locale));

        var link = replies.Select(r => r.AsCard()).SelectMany(c => c.Descendants().OfType<JObject>())
            .Single(e => e.Value<string>("id") == "shareLink").Value<string>("value")!;
        Assert.Matches($"^{TranslatedPagesSite.PublicBaseUrl}c/[a-z-]+\\?r=[a-z2-9]{{10}}{expectedTail}$", link);
    }

    private static JObject InLocale(JObject activity, string locale)
    {
        activity["locale"] = locale;
        return activity;
    }
}
