using System.Globalization;
using System.Text.Json.Nodes;
using PledgeBot.Dialogs.Cards;
using PledgeBot.Dialogs.Content;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Content;

/// <summary>
/// The content file's translations: the shipped campaign in five languages, a partly translated
/// language shown text by text with the default language's texts in the gaps, and translations
/// that cannot be used refused with a message that names the language, the cause and the field.
/// </summary>
public sealed class CampaignTranslationsTests : IDisposable
{
    private static readonly CardSettings Settings = new(new Uri("https://pledgebot.example.org/"));
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void TheShippedCampaignIsOfferedInEnglishFrenchFilipinoArabicAndSwahiliEachCompleteAndNotYetReviewed()
    {
        var content = ShippedCampaign.Load();

        Assert.Equal(["en", "fr", "fil", "ar", "sw"], content.Languages);
        Assert.Equal("en", content.DefaultLanguage);
        Assert.Equal(["fr", "fil", "ar", "sw"], content.Translations.Statuses.Select(s => s.Language));
        Assert.All(content.Translations.Statuses, status =>
        {
            Assert.Empty(status.Missing);
            Assert.False(status.ReviewedByNativeSpeaker);
        });
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("fil")]
    [InlineData("ar")]
    [InlineData("sw")]
    public void EveryShippedTranslationHasItsOwnWordsWithTheSameCausesFactsAndPledge(string language)
    {
        var english = ShippedCampaign.Load();
        var translated = english.In(CultureInfo.GetCultureInfo(language));

        Assert.Equal(language, translated.Language);
        Assert.Equal(language == "ar", translated.IsRightToLeft);
        Assert.NotEqual(english.Title, translated.Title);
        Assert.NotEqual(english.Intro, translated.Intro);
        Assert.NotEqual(english.PrivacyStatement, translated.PrivacyStatement);
        Assert.Equal(english.Causes.Select(c => c.Id), translated.Causes.Select(c => c.Id));
        foreach (var (original, cause) in english.Causes.Zip(translated.Causes))
        {
            Assert.NotEqual(original.Title, cause.Title);
            Assert.NotEqual(original.Summary, cause.Summary);
            Assert.NotEqual(original.Story, cause.Story);
            Assert.InRange(cause.Story.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length, 1, CampaignContentLoader.MaxTranslatedStoryWords);
            Assert.Equal(original.KeyFacts.Count, cause.KeyFacts.Count);
            Assert.All(original.KeyFacts.Zip(cause.KeyFacts), pair => Assert.NotEqual(pair.First, pair.Second));
            Assert.NotEqual(original.Image.AltText, cause.Image.AltText);
            Assert.Equal(original.Image.File, cause.Image.File);
            Assert.NotEqual(original.VoteCallToAction, cause.VoteCallToAction);
            Assert.Equal(original.ReadMoreUrl, cause.ReadMoreUrl);
        }

        var pledge = translated.CausesWithPledges.Single().Pledge!;
        var englishPledge = english.CausesWithPledges.Single().Pledge!;
        // The campaign's hashtag is its name everywhere; the words of the pledge are translated.
        Assert.Equal("#NotOnMyScreen", pledge.Title);
        Assert.NotEqual(englishPledge.Text, pledge.Text);
        Assert.Equal(englishPledge with { Title = pledge.Title, Text = pledge.Text }, pledge);
    }

    [Fact]
    public void APartlyTranslatedLanguageShowsItsOwnTextsAndTheDefaultLanguagesTextsInTheGapsNeverAnEmptyOne()
    {
        var file = ShippedCampaign.CopyWith(folder.Path, json => json["translations"] = PartlyFrench());

        var content = CampaignContentLoader.Load(file);
        var english = content.In(CultureInfo.GetCultureInfo("en"));
        var french = content.In(CultureInfo.GetCultureInfo("fr-FR"));

        Assert.Equal(["en", "fr"], content.Languages);
        Assert.Equal("À leurs côtés", french.Title);
        Assert.Equal(english.Intro, french.Intro);
        var cause = french.FindCause("protecting-innocence")!;
        Assert.Equal("Protéger l'innocence", cause.Title);
        Assert.Equal(english.Causes[0].Story, cause.Story);
        Assert.Equal(english.Causes[0].KeyFacts[0], cause.KeyFacts[0]);
        Assert.Equal("Les enfants secourus vivent dans des foyers sûrs.", cause.KeyFacts[2]);
        Assert.Equal(english.Causes[1], french.Causes[1]);
        Assert.All(Texts(french), text => Assert.False(string.IsNullOrWhiteSpace(text)));

        var card = Newtonsoft.Json.Linq.JObject.Parse(StoryCard.Create(french, 1, Settings).ToJsonString()).Text();
        Assert.Contains("Protéger l'innocence", card);
        Assert.Contains(english.Causes[0].Story, card);
        Assert.Equal(
            ["intro", "privacyStatement", "cause 'protecting-innocence': summary", "cause 'protecting-innocence': story",
             "cause 'protecting-innocence': keyFacts[0]", "cause 'protecting-innocence': keyFacts[1]"],
            content.Translations.Statuses.Single().Missing.Take(6));
    }

    [Fact]
    public void ALanguageTheCampaignIsNotOfferedInGetsTheDefaultLanguage()
    {
        var file = ShippedCampaign.CopyWith(folder.Path, json => json["translations"] = PartlyFrench());

        var content = CampaignContentLoader.Load(file);

        Assert.Equal("en", content.In(CultureInfo.GetCultureInfo("sw")).Language);
        Assert.Equal("en", content.In(null).Language);
    }

    [Fact]
    public void ACauseIdWrittenInOtherLettersTranslatesThatCause()
    {
        var file = ShippedCampaign.CopyWith(folder.Path, json => json["translations"] = new JsonObject
        {
            ["fr"] = new JsonObject { ["causes"] = new JsonObject { ["Yemen-Crisis"] = new JsonObject { ["title"] = "La catastrophe humanitaire au Yémen" } } },
        });

        var content = CampaignContentLoader.Load(file);

        Assert.Equal("La catastrophe humanitaire au Yémen", content.In(CultureInfo.GetCultureInfo("fr")).FindCause("yemen-crisis")!.Title);
    }

    [Fact]
    public void ATranslatedStoryOfExactly200WordsIsAccepted()
    {
        var file = ShippedCampaign.CopyWith(folder.Path, json => json["translations"]!["fr"]!["causes"]!["yemen-crisis"]!["story"] = Words(200));

        Assert.Equal(Words(200), CampaignContentLoader.Load(file).In(CultureInfo.GetCultureInfo("fr")).FindCause("yemen-crisis")!.Story);
    }

    public static TheoryData<string, string, string[]> UnusableTranslations => new()
    {
        { "a language the bot does not speak", """{ "de": { "title": "An ihrer Seite" } }""", ["translations 'de': 'de' is not one of the bot's languages (en, fr, fil, ar, sw)"] },
        { "no language at all", """{ "xx": { "title": "?" } }""", ["translations 'xx': 'xx' is not one of the bot's languages (en, fr, fil, ar, sw)"] },
        { "a region instead of a language", """{ "fr-CA": { "title": "À leurs côtés" } }""", ["translations 'fr-CA': 'fr-CA' is not one of the bot's languages"] },
        { "the default language again", """{ "en": { "title": "Stand With Them Again" } }""", ["translations 'en': 'en' is the default language, whose texts are the campaign's own fields"] },
        { "one language twice", """{ "fr": { "title": "À leurs côtés" }, "FR": { "title": "Avec eux" } }""", ["translations 'FR': the language is translated twice"] },
        { "a cause the campaign does not have", """{ "fr": { "causes": { "no-such-cause": { "title": "Aucune" } } } }""", ["translations 'fr': cause 'no-such-cause' is not one of the campaign's causes"] },
        { "fewer facts than the default language", """{ "fr": { "causes": { "yemen-crisis": { "keyFacts": ["Un.", "Deux."] } } } }""",
            ["translations 'fr', cause 'yemen-crisis': field 'keyFacts' has 2 facts; the default language has 3"] },
        { "a title that is too long", $$"""{ "sw": { "title": "{{new string('a', 81)}}" } }""", ["translations 'sw': field 'title' is longer than 80 characters"] },
        { "a cause title that is too long", $$"""{ "fil": { "causes": { "yemen-crisis": { "title": "{{new string('a', 81)}}" } } } }""",
            ["translations 'fil', cause 'yemen-crisis': field 'title' is longer than 80 characters"] },
        { "a story over 200 words", $$"""{ "ar": { "causes": { "burundi-refugees-tanzania": { "story": "{{Words(201)}}" } } } }""",
            ["translations 'ar', cause 'burundi-refugees-tanzania': field 'story' has 201 words; keep a translated story to 200 or fewer"] },
        { "a pledge for a cause that has none", """{ "fr": { "causes": { "yemen-crisis": { "pledge": { "title": "Non" } } } } }""",
            ["translations 'fr', cause 'yemen-crisis': field 'pledge' translates a pledge, but the cause has none"] },
        { "a text where the language's texts belong", """{ "fr": "À leurs côtés" }""", ["translations 'fr': must be an object with the language's texts", "(got a string)"] },
        { "null where the language's texts belong", """{ "fr": null }""", ["translations 'fr': must be an object with the language's texts", "(got null)"] },
        { "a list where the languages belong", """[ { "fr": { "title": "À leurs côtés" } } ]""", ["campaign: field 'translations' must be an object with one entry per language", "(got a list)"] },
        { "a number where a text belongs", """{ "fr": { "title": 42 } }""", ["translations 'fr': field 'title' has the wrong kind of value", "texts are strings in quotes"] },
        { "a text where the review flag belongs", """{ "fr": { "reviewedByNativeSpeaker": "yes" } }""", ["translations 'fr': field 'reviewedByNativeSpeaker' has the wrong kind of value"] },
        { "a text where a cause's texts belong", """{ "fr": { "causes": { "yemen-crisis": "La catastrophe" } } }""", ["translations 'fr': field 'causes.yemen-crisis' has the wrong kind of value"] },
        { "a text where the facts belong", """{ "fr": { "causes": { "yemen-crisis": { "keyFacts": "Un." } } } }""", ["translations 'fr': field 'causes.yemen-crisis.keyFacts' has the wrong kind of value"] },
        { "a text where the image belongs", """{ "fr": { "causes": { "yemen-crisis": { "image": "Une goutte d'eau" } } } }""", ["translations 'fr': field 'causes.yemen-crisis.image' has the wrong kind of value"] },
        { "a list where the causes belong", """{ "fr": { "causes": [ { "title": "Protéger l'innocence" } ] } }""", ["translations 'fr': field 'causes' has the wrong kind of value"] },
    };

    [Theory]
    [MemberData(nameof(UnusableTranslations))]
    public void AnUnusableTranslationIsRefusedWithAMessageThatNamesWhereAndWhy(string what, string translations, string[] expected)
    {
        var draft = JsonNode.Parse(File.ReadAllText(ShippedCampaign.ContentFile))!;
        draft["translations"] = JsonNode.Parse(translations);

        var check = CampaignContentLoader.Check(draft.ToJsonString(), Path.GetDirectoryName(ShippedCampaign.ContentFile)!, "upload.json");

        Assert.False(check.IsValid, what);
        var problem = Assert.Single(check.Problems);
        Assert.StartsWith("upload.json: ", problem);
        Assert.All(expected, part => Assert.Contains(part, problem));
        Assert.DoesNotContain("not valid JSON", problem);
        Assert.DoesNotContain("Exception", problem);
        Assert.DoesNotContain("   at ", problem);
    }

    [Fact]
    public void EveryUnusableTranslationIsListedAtOnce()
    {
        var file = ShippedCampaign.CopyWith(folder.Path, json =>
        {
            json["translations"]!["de"] = new JsonObject { ["title"] = "An ihrer Seite" };
            json["translations"]!["fr"]!["causes"]!["yemen-crisis"]!["keyFacts"] = new JsonArray("Un.");
            json["translations"]!["sw"]!["title"] = 7;
        });

        var refused = Assert.Throws<InvalidCampaignContentException>(() => CampaignContentLoader.Load(file));

        Assert.Contains("3 problem(s)", refused.Message);
        Assert.Contains("translations 'de'", refused.Message);
        Assert.Contains("translations 'fr', cause 'yemen-crisis': field 'keyFacts' has 1 facts", refused.Message);
        Assert.Contains("translations 'sw': field 'title' has the wrong kind of value", refused.Message);
    }

    /// <summary>French with the campaign's title, one cause's title and its last fact, and nothing else.</summary>
    internal static JsonObject PartlyFrench() => new()
    {
        ["fr"] = new JsonObject
        {
            ["reviewedByNativeSpeaker"] = false,
            ["title"] = "À leurs côtés",
            ["causes"] = new JsonObject
            {
                ["protecting-innocence"] = new JsonObject
                {
                    ["title"] = "Protéger l'innocence",
                    ["keyFacts"] = new JsonArray(null, "", "Les enfants secourus vivent dans des foyers sûrs."),
                },
            },
        },
    };

    private static string Words(int count) => string.Join(" ", Enumerable.Repeat("mot", count));

    private static IEnumerable<string> Texts(CampaignContent content) =>
        new[] { content.Title, content.Intro, content.PrivacyStatement }.Concat(content.Causes.SelectMany(cause =>
            new[] { cause.Title, cause.Summary, cause.Story, cause.Image.AltText, cause.VoteCallToAction, cause.Pledge?.Title ?? "-", cause.Pledge?.Text ?? "-" }
                .Concat(cause.KeyFacts)));
}
