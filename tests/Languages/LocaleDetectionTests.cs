using System.Net;
using System.Text;
using Newtonsoft.Json.Linq;
using PledgeBot.Tests.Support;
using static PledgeBot.Tests.Support.TranslatedCampaign;

namespace PledgeBot.Tests.Languages;

/// <summary>
/// Which language a person who never chose one is answered in, through /api/messages: the one
/// their client's locale names, when the campaign is offered in it, else the campaign's default.
/// </summary>
public sealed class LocaleDetectionTests(TranslatedBot bot) : IClassFixture<TranslatedBot>
{
    [Theory]
    [InlineData("fr-CA", "fr")]
    [InlineData("fr", "fr")]
    [InlineData("ar-YE", "ar")]
    [InlineData("sw-TZ", "sw")]
    [InlineData("fil-PH", "fil")]
    [InlineData("tl-PH", "fil")]
    [InlineData("en-GB", "en")]
    public async Task TheActivitysLocaleChoosesTheLanguage(string locale, string language)
    {
        var person = new ChannelActivities($"person-{locale}", $"chat-{locale}");

        var welcome = await AnswerAsync(person.Message("hi").WithLocale(locale));

        Assert.Contains(Texts[language].Title, welcome.Text());
    }

    [Fact]
    public async Task TeamsClientInfoLocaleChoosesTheLanguageWhenTheActivityHasNone()
    {
        var message = new TeamsActivities("http://localhost:50000", "aad-amina", "a:personal-amina", conversationType: "personal").Message("hi").WithLocale(null);
        message["entities"] = new JArray(new JObject { ["type"] = "clientInfo", ["locale"] = "sw-KE", ["country"] = "KE", ["platform"] = "Android" });

        var welcome = await AnswerAsync(message);

        Assert.Contains(Texts["sw"].Title, welcome.Text());
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("zz-ZZ")]
    [InlineData("not a locale at all")]
    [InlineData("-")]
    [InlineData("")]
    [InlineData("12345")]
    public async Task ALocaleTheCampaignIsNotOfferedInOrThatNamesNothingGetsTheDefaultLanguage(string locale)
    {
        var person = new ChannelActivities($"person-{Guid.NewGuid():N}", "chat-unoffered");

        var welcome = await AnswerAsync(person.Message("hi").WithLocale(locale));

        Assert.Contains(Texts["en"].Title, welcome.Text());
    }

    [Fact]
    public async Task ALocaleThatIsNotEvenTextIsRefusedAsABadActivityNotAnError()
    {
        var message = new ChannelActivities("person-number-locale", "chat-number-locale").Message("hi");
        message["locale"] = 42;

        var response = await bot.Http.PostAsync("/api/messages", new StringContent(message.ToString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private async Task<JObject> AnswerAsync(JObject activity) => (await ExpectReplies.PostAsync(bot.Http, activity))[^1].AsCard();
}
