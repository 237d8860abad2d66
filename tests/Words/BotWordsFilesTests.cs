using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using PledgeBot.Dialogs.Languages;
using PledgeBot.Dialogs.Words;

namespace PledgeBot.Tests.Words;

/// <summary>
/// The files of the bot's own words (the cards', the language menu's, the pages', the emails' and the Teams app's),
/// five of each: the same keys everywhere, and every translation able to fill in what English fills in.
/// </summary>
public sealed partial class BotWordsFilesTests
{
    private static readonly string Root = RepositoryRoot();

    private static readonly string[] WordFiles =
        ["dialogs/Words/BotWords", "dialogs/Words/LanguageWords", "bot/Pages/PageWords", "bot/PledgeConfirmation/EmailWords", "bot/FollowUps/FollowUpEmailWords", "bot/Teams/TeamsWords"];

    public static TheoryData<string, string> Translations
    {
        get
        {
            var cases = new TheoryData<string, string>();
            foreach (var file in WordFiles)
            {
                foreach (var language in new[] { "fr", "fil", "ar", "sw" })
                {
                    cases.Add(file, language);
                }
            }

            return cases;
        }
    }

    [Theory]
    [MemberData(nameof(Translations))]
    public void EveryTranslationHasExactlyTheEnglishKeys(string file, string language)
    {
        var english = Read($"{file}.resx");
        var translated = Read($"{file}.{language}.resx");

        Assert.Equal(english.Keys.Order(StringComparer.Ordinal), translated.Keys.Order(StringComparer.Ordinal));
        Assert.All(translated, word => Assert.False(string.IsNullOrWhiteSpace(word.Value), word.Key));
    }

    [Theory]
    [MemberData(nameof(Translations))]
    public void EveryTranslationHasTheEnglishPlaceholdersAndMarks(string file, string language)
    {
        var english = Read($"{file}.resx");
        var translated = Read($"{file}.{language}.resx");

        Assert.All(english, word =>
        {
            var theirs = translated[word.Key];
            // A plural form for one or two may say the number in words ("صوت واحد", "صوتان").
            var expected = Placeholders(word.Value).Where(p => !(p == "{0}" && IsOneOrTwoForm(word.Key)));
            Assert.True(expected.ToHashSet().SetEquals(Placeholders(theirs).Where(p => !(p == "{0}" && IsOneOrTwoForm(word.Key)))), $"{word.Key}: '{theirs}'");
            Assert.True(Count(word.Value, "**") == Count(theirs, "**"), $"{word.Key}: bold marks in '{theirs}'");
            // Every translation must format without an error, and fill in every placeholder.
            _ = string.Format(CultureInfo.InvariantCulture, theirs, "a", "b", "c", "d", "e", "f");
        });
    }

    [Fact]
    public void TheGeneratedAccessorsReadEveryLanguage()
    {
        foreach (var language in CampaignLanguages.Supported)
        {
            Assert.Equal(Read(language.Name == "en" ? "dialogs/Words/BotWords.resx" : $"dialogs/Words/BotWords.{language.Name}.resx")["NextStory"],
                BotWords.ResourceManager.GetString(nameof(BotWords.NextStory), language));
        }
    }

    [Theory]
    [InlineData("en", 1, "One")]
    [InlineData("en", 0, "Other")]
    [InlineData("fr", 0, "One")]
    [InlineData("fr", 2, "Other")]
    [InlineData("ar", 2, "Two")]
    [InlineData("ar", 7, "Few")]
    [InlineData("ar", 103, "Few")]
    [InlineData("ar", 11, "Many")]
    [InlineData("ar", 100, "Other")]
    [InlineData("sw", 1, "One")]
    [InlineData("fil", 5, "Other")]
    public void EachLanguageChoosesItsPluralForm(string language, int count, string form) =>
        Assert.Equal(form, PluralWords.FormOf(count, CultureInfo.GetCultureInfo(language)).ToString());

    private static bool IsOneOrTwoForm(string key) => key.EndsWith("One", StringComparison.Ordinal) || key.EndsWith("Two", StringComparison.Ordinal);

    private static IEnumerable<string> Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Value);

    private static int Count(string text, string mark) => (text.Length - text.Replace(mark, "", StringComparison.Ordinal).Length) / mark.Length;

    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(Path.Combine(Root, file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (Directory.Exists(Path.Combine(folder.FullName, "dialogs", "Words")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException("The repository with dialogs/Words was not found above the test folder.");
    }

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
