using Newtonsoft.Json.Linq;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.PublicResults;

/// <summary>
/// The bot writes English, so its cards write 1,000 whatever locale the person's chat reports: the
/// SDK sets each turn's culture from the activity's locale, and a German chat would otherwise read
/// "1.000 votes" next to "1,000 of 2,000 votes" on the same card.
/// </summary>
public sealed class CardNumbersTests
{
    [Fact]
    public async Task APersonWhoseChatIsInGermanReadsTheCountsOnTheResultsAndStoryCardsAsEveryoneDoes()
    {
        using var site = new ResultsSite(json => json["voteGoal"] = 2000);
        await site.VoteAsync(site.Cause(0), 1000);
        var person = new ChannelActivities("anna", "chat-anna");

        var results = await AskAsync(site, Localised(person.Message("results"), "de-DE"));
        var story = await AskAsync(site, Localised(person.Message("stories"), "de-DE"));

        Assert.Contains($"**{site.Cause(0).Title}**: 1,000 votes (100%)", results.Text());
        Assert.Contains("1,000 of 2,000 votes", results.Text());
        Assert.Contains("1,000 votes so far (100%).", story.Text());
        Assert.DoesNotContain("1.000", results.Text() + story.Text());
    }

    private static JObject Localised(JObject activity, string locale)
    {
        activity["locale"] = locale;
        return activity;
    }

    private static async Task<JObject> AskAsync(ResultsSite site, JObject activity) =>
        (await site.App.ExpectRepliesAsync(activity)).Last().AsCard();
}
