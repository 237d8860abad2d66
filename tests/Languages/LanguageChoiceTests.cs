using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using PledgeBot.Dialogs.Identity;
using PledgeBot.Storage;
using PledgeBot.Tests.Support;
using static PledgeBot.Tests.Support.TranslatedCampaign;

namespace PledgeBot.Tests.Languages;

/// <summary>
/// The menu's "Language" choice through /api/messages, on a campaign offered in English, French
/// and Arabic: it lists those, answers in the chosen one at once, and remembers it for the person
/// (in their other conversations, after a restart, before their client's locale) until they are forgotten.
/// </summary>
public sealed class LanguageChoiceTests : IAsyncLifetime
{
    private readonly TempFolder data = new();
    private readonly TempFolder content = new();
    private Dictionary<string, string?> settings = null!;
    private BotApplication app = null!;
    private HttpClient http = null!;

    public Task InitializeAsync()
    {
        settings = TranslatedCampaign.Settings(content.Path, "fr", "ar");
        app = new BotApplication(data.Path, settings);
        http = app.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await app.DisposeAsync();
        data.Dispose();
        content.Dispose();
    }

    [Fact]
    public async Task TheMenusLanguageChoiceListsOnlyTheOfferedLanguagesEachInItsOwnName()
    {
        var person = new ChannelActivities("dl_anna", "anna-chat-1", "directline");
        var welcome = await AnswerAsync(person.Message("hi"));

        var list = await AnswerAsync(person.Click(ButtonData(welcome, "Language")));

        Assert.Contains("Choose your language", list.Text());
        Assert.Equal(["English", "Français", "العربية"], list.ButtonTitles());
    }

    [Fact]
    public async Task ChoosingALanguageAnswersInItAtOnceAndInTheSamePersonsNextConversation()
    {
        var first = new ChannelActivities("dl_anna", "anna-chat-1", "directline");
        var list = await AnswerAsync(first.Message("language"));

        var answer = await AnswerAsync(first.Click(ButtonData(list, "Français")));

        Assert.Contains(Texts["fr"].Title, answer.Text());
        // Her browser still says English; the same web chat user in a new conversation is still served in French.
        var later = await AnswerAsync(new ChannelActivities("dl_anna", "anna-chat-2", "directline").Message("hi"));
        Assert.Contains(Texts["fr"].Title, later.Text());
        var story = await AnswerAsync(new ChannelActivities("dl_anna", "anna-chat-2", "directline").Click(new JObject { ["action"] = "stories", ["story"] = 2 }));
        Assert.Contains(Texts["fr"].Causes[1], story.Text());
        // Somebody else in the same place is not.
        Assert.Contains(Texts["en"].Title, (await AnswerAsync(new ChannelActivities("dl_ben", "anna-chat-1", "directline").Message("hi"))).Text());
    }

    [Fact]
    public async Task TheChoiceIsRememberedAcrossARestart()
    {
        var person = new ChannelActivities("dl_amal", "amal-chat", "directline");
        await ChooseAsync(person, "العربية");

        await app.DisposeAsync();
        app = new BotApplication(data.Path, settings);
        http = app.CreateClient();

        var welcome = await AnswerAsync(new ChannelActivities("dl_amal", "amal-chat-after-restart", "directline").Message("hi"));
        Assert.Contains(Texts["ar"].Title, welcome.Text());
    }

    [Fact]
    public async Task TheRememberedChoiceComesBeforeTheClientsLocale()
    {
        var person = new ChannelActivities("dl_claire", "claire-chat", "directline");
        Assert.Contains(Texts["fr"].Title, (await AnswerAsync(person.Message("hi").WithLocale("fr-FR"))).Text());

        await ChooseAsync(person, "العربية", locale: "fr-FR");

        var welcome = await AnswerAsync(person.Message("hi").WithLocale("fr-FR"));
        Assert.Contains(Texts["ar"].Title, welcome.Text());
    }

    [Fact]
    public async Task InTeamsTheChoiceFollowsThePersonIntoEveryChat()
    {
        var personal = new TeamsActivities("http://localhost:50000", "aad-amani", "a:personal-amani", conversationType: "personal");
        var list = await AnswerAsync(personal.Message("langue"));
        await AnswerAsync(TeamsClick(personal, ButtonData(list, "Français")));

        var inAGroup = new TeamsActivities("http://localhost:50000", "aad-amani", "19:group-chat-amani@thread.v2");
        var welcome = await AnswerAsync(inAGroup.Message("hi", mentionedBotName: "Campaign bot"));

        Assert.Contains(Texts["fr"].Title, welcome.Text());
    }

    [Theory]
    [InlineData("language")]
    [InlineData("Language")]
    [InlineData("change language")]
    [InlineData("langue")]
    [InlineData("wika")]
    [InlineData("lugha")]
    [InlineData("اللغة")]
    public async Task TypedWordsInEveryLanguageOpenTheList(string typed)
    {
        var list = await AnswerAsync(new ChannelActivities("dl_typist", "typist-chat", "directline").Message(typed));

        Assert.Equal(["English", "Français", "العربية"], list.ButtonTitles());
    }

    [Theory]
    [InlineData("sw")]
    [InlineData("de")]
    [InlineData("")]
    [InlineData(42)]
    [InlineData(null)]
    public async Task ALanguageTheCampaignDoesNotOfferIsNotStoredAndTheListIsShownAgain(object? language)
    {
        var person = new ChannelActivities("dl_mallory", "mallory-chat", "directline");

        var answer = await AnswerAsync(person.Click(new JObject { ["action"] = "chooseLanguage", ["language"] = language is null ? null : JToken.FromObject(language) }));

        Assert.Equal(["English", "Français", "العربية"], answer.ButtonTitles());
        Assert.Null(await StoredChoiceAsync("directline", "dl_mallory"));
        Assert.Contains(Texts["en"].Title, (await AnswerAsync(person.Message("hi"))).Text());
    }

    [Fact]
    public async Task MyDataShowsTheChosenLanguageAndForgetMeErasesIt()
    {
        var person = new ChannelActivities("dl_fatima", "fatima-chat", "directline");
        await ChooseAsync(person, "Français");
        Assert.Equal("fr", await StoredChoiceAsync("directline", "dl_fatima"));

        var myData = await AnswerAsync(person.Click(new JObject { ["action"] = "myData" }));
        Assert.Contains("Votre langue", myData.Text());
        Assert.Contains("Français", myData.Text());

        await ExpectReplies.PostAsync(http, person.Click(new JObject { ["action"] = "forgetMeConfirmed" }));

        Assert.Null(await StoredChoiceAsync("directline", "dl_fatima"));
        Assert.Contains(Texts["en"].Title, (await AnswerAsync(person.Message("hi"))).Text());
    }

    [Fact]
    public async Task APledgeInProgressGoesOnInTheNewLanguage()
    {
        var person = new ChannelActivities("dl_nadia", "nadia-chat", "directline");
        Assert.Contains(Texts["en"].Pledge, (await AnswerAsync(person.Click(new JObject { ["action"] = "pledge", ["pledgeId"] = PledgeId }))).Text());

        var list = await AnswerAsync(person.Message("language"));
        var question = await AnswerAsync(person.Click(ButtonData(list, "Français")));

        // The first name is asked again, under the pledge's French title, and the answer goes on with the pledge.
        Assert.Contains(Texts["fr"].Pledge, question.Text());
        await AnswerAsync(person.Message("Nadia"));
        await AnswerAsync(person.Message("nadia@example.org"));
        await AnswerAsync(person.Click(new JObject { ["action"] = "reply", ["reply"] = "yes" }));
        var thanks = await AnswerAsync(person.Click(new JObject { ["action"] = "pledgeConfirm", ["pledgeId"] = PledgeId }));
        Assert.Contains(Texts["fr"].Pledge, thanks.Text());
        Assert.Single((await PersonalDataAsync("directline", "dl_nadia")).Pledges);
    }

    [Fact]
    public async Task ACampaignInOneLanguageHasNoLanguageButton()
    {
        using var otherData = new TempFolder();
        using var contentFolder = new TempFolder();
        var englishOnly = ShippedCampaign.CopyWith(contentFolder.Path, json => json.AsObject().Remove("translations"));
        await using var english = new BotApplication(otherData.Path, new Dictionary<string, string?> { ["Campaign:ContentFile"] = englishOnly });

        var welcome = (await english.ExpectRepliesAsync(new ChannelActivities("dl_olga", "olga-chat", "directline").Message("hi")))[^1].AsCard();

        Assert.DoesNotContain("Language", welcome.ButtonTitles());
    }

    private async Task ChooseAsync(ChannelActivities person, string languageName, string locale = "en-GB")
    {
        var list = await AnswerAsync(person.Message("language").WithLocale(locale));
        await AnswerAsync(person.Click(ButtonData(list, languageName)).WithLocale(locale));
    }

    private static JObject ButtonData(JObject card, string title) => (JObject)card.Button(title)["data"]!;

    /// <summary>A click on an Action.Submit in Teams: a message whose value is the button's data.</summary>
    private static JObject TeamsClick(TeamsActivities person, JObject data)
    {
        var message = person.Message("");
        message.Remove("text");
        message["value"] = data;
        return message;
    }

    private async Task<JObject> AnswerAsync(JObject activity) => (await ExpectReplies.PostAsync(http, activity)).Answer();

    private Task<string?> StoredChoiceAsync(string channel, string userId) =>
        app.Services.GetRequiredService<ILanguageChoices>().FindAsync(app.Services.GetRequiredService<PersonKeyHasher>().PersonKey(channel, userId));

    private Task<PersonalDataReport> PersonalDataAsync(string channel, string userId) =>
        app.Services.GetRequiredService<IPersonalDataStore>().FindAsync(
            ShippedCampaign.Load().Id, app.Services.GetRequiredService<PersonKeyHasher>().PersonKey(channel, userId));
}
