using System.Text.Json.Nodes;
using Newtonsoft.Json.Linq;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Words;

/// <summary>
/// The bot's words in the supporter's language, through /api/messages: the activity's locale
/// chooses the language when the campaign is offered in it (here a copy of the shipped campaign
/// with a minimal translation per language, every other text falling back to English).
/// </summary>
public sealed class WordsThroughTheHostTests : IDisposable
{
    private readonly TempFolder data = new();
    private readonly TempFolder campaign = new();

    [Theory]
    [InlineData("fr-FR", "aide", "Comment puis-je vous aider ?")]
    [InlineData("fr-CA", "Résultats", "Résultats à ce jour")]
    [InlineData("fil-PH", "tulong", "Paano kita matutulungan?")]
    [InlineData("sw-KE", "msaada", "Nikusaidie vipi?")]
    [InlineData("ar-EG", "مساعدة", "كيف يمكنني مساعدتك؟")]
    [InlineData("ar-EG", "help", "كيف يمكنني مساعدتك؟")]
    [InlineData("en-GB", "help", "How can I help?")]
    public async Task TypedWordsAreReadAndAnsweredInTheSupportersLanguage(string locale, string typed, string heading)
    {
        using var app = App();

        var card = await SayAsync(app, locale, typed);

        Assert.Contains(heading, card.Text());
    }

    [Fact]
    public async Task ALanguageTheCampaignIsNotOfferedInGetsEnglish()
    {
        using var app = App(offered: ["fr"]);

        var card = await SayAsync(app, "sw-KE", "msaada");

        Assert.Contains("Sorry, I didn't catch that", card.Text());
        Assert.Null(card["rtl"]);
    }

    [Fact]
    public async Task AnArabicStoryIsLaidOutRightToLeftWithArabicButtons()
    {
        using var app = App();

        var card = await SayAsync(app, "ar", "قصة ٢");

        Assert.True(card.Value<bool>("rtl"));
        Assert.Contains("القصة 2 من 4", card.Text());
        Assert.Contains("القصة التالية", card.ButtonTitles());
        Assert.Contains("صوّت لهذه القضية", card.ButtonTitles());
    }

    [Fact]
    public async Task AFrenchPledgeIsAskedAndCheckedInFrench()
    {
        using var app = App();
        var anna = new ChannelActivities("anna", "annas-chat");

        var question = await SayAsync(app, "fr-FR", "engagement", anna);
        var refused = await SayAsync(app, "fr-FR", "12345", anna);

        Assert.Contains("Quel est votre prénom ?", question.Text());
        Assert.Contains("Un prénom a besoin de lettres.", refused.Text());
    }

    private BotApplication App(string[]? offered = null)
    {
        return new BotApplication(data.Path, TranslatedCampaign.Settings(campaign.Path, offered ?? ["fr", "fil", "ar", "sw"]));
    }

    private static async Task<JObject> SayAsync(BotApplication app, string locale, string text, ChannelActivities? person = null)
    {
        var message = (person ?? new ChannelActivities()).Message(text);
        message["locale"] = locale;
        return (await app.ExpectRepliesAsync(message)).Last().AsCard();
    }

    public void Dispose()
    {
        data.Dispose();
        campaign.Dispose();
    }
}
