using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using PledgeBot.Dialogs.Identity;
using PledgeBot.Dialogs.Words;
using PledgeBot.Storage;
using PledgeBot.Tests.Support;
using static PledgeBot.Tests.Support.TranslatedCampaign;

namespace PledgeBot.Tests.Languages;

/// <summary>
/// The whole journey through /api/messages in each language the campaign is offered in, as a
/// person whose client speaks it: the welcome, a story, a vote, the pledge with a first name, an
/// email, consent and confirmation. The campaign's texts come in that language, and the vote and
/// the pledge are stored as in any other.
/// </summary>
public sealed class JourneyInEachLanguageTests(TranslatedBot bot) : IClassFixture<TranslatedBot>
{
    [Theory]
    [InlineData("fr-FR", "fr", 1)]
    [InlineData("ar-EG", "ar", 2)]
    [InlineData("sw-KE", "sw", 3)]
    [InlineData("fil-PH", "fil", 1)]
    [InlineData("en-US", "en", 2)]
    public async Task TheJourneyIsInTheClientsLanguageAndTheVoteAndPledgeAreStored(string locale, string language, int votedCause)
    {
        var userId = $"dl_journey_{language}";
        var person = new ChannelActivities(userId, $"journey-{language}", "directline");
        var texts = Texts[language];

        Assert.Contains(texts.Title, (await AnswerAsync(person.Message("hi"), locale)).Text());
        Assert.Contains(texts.Causes[0], (await AnswerAsync(person.Click(new JObject { ["action"] = "stories", ["story"] = 1 }), locale)).Text());
        Assert.Contains(texts.Causes[votedCause], (await AnswerAsync(person.Click(new JObject { ["action"] = "stories", ["story"] = votedCause + 1 }), locale)).Text());

        var voted = await AnswerAsync(person.Click(new JObject { ["action"] = "vote", ["causeId"] = CauseId(votedCause) }), locale);

        Assert.Contains(texts.Causes[votedCause], voted.Text());
        Assert.Equal(CauseId(votedCause), (await PersonalDataAsync(userId)).Vote?.CauseId);

        Assert.Contains(texts.Pledge, (await AnswerAsync(person.Click(new JObject { ["action"] = "pledge", ["pledgeId"] = PledgeId }), locale)).Text());
        await AnswerAsync(person.Message("Amani"), locale);
        await AnswerAsync(person.Message($"amani.{language}@example.org"), locale);
        var check = await AnswerAsync(person.Click(new JObject { ["action"] = "reply", ["reply"] = "yes" }), locale);
        Assert.Contains(texts.Pledge, check.Text());
        Assert.Contains($"amani.{language}@example.org", check.Text());
        var replies = await ExpectReplies.PostAsync(bot.Http, person.Click(new JObject { ["action"] = "pledgeConfirm", ["pledgeId"] = PledgeId }).WithLocale(locale));
        var thanks = replies.Answer();

        Assert.Contains(texts.Pledge, thanks.Text());
        // Then the question about updates, in the same language.
        var followUp = replies[^1].AsCard();
        Assert.True(followUp.IsFollowUp());
        Assert.Contains(BotWords.ResourceManager.GetString(nameof(BotWords.FollowUpTitle), System.Globalization.CultureInfo.GetCultureInfo(language))!, followUp.Text());
        var pledge = Assert.Single((await PersonalDataAsync(userId)).Pledges);
        Assert.Equal((PledgeId, "Amani", $"amani.{language}@example.org"), (pledge.PledgeId, pledge.FirstName, pledge.Email));
    }

    private async Task<JObject> AnswerAsync(JObject activity, string locale) =>
        (await ExpectReplies.PostAsync(bot.Http, activity.WithLocale(locale))).Answer();

    private Task<PersonalDataReport> PersonalDataAsync(string userId) =>
        bot.App.Services.GetRequiredService<IPersonalDataStore>().FindAsync(
            ShippedCampaign.Load().Id, bot.App.Services.GetRequiredService<PersonKeyHasher>().PersonKey("directline", userId));
}
