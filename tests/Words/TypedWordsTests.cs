using Microsoft.Bot.Schema;
using PledgeBot.Dialogs.Conversation;
using PledgeBot.Dialogs.Input;
using PledgeBot.Dialogs.Words;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Words;

/// <summary>What supporters type, read in their language and in English, as the bot reads it.</summary>
public sealed class TypedWordsTests
{
    // Buttons whose titles, typed, do what the button does.
    private static readonly (string Title, IntentKind Kind)[] ButtonsThatAreCommands =
    [
        (nameof(BotWords.ReadTheStories), IntentKind.Stories),
        (nameof(BotWords.Vote), IntentKind.VoteMenu),
        (nameof(BotWords.ChangeMyVote), IntentKind.VoteMenu),
        (nameof(BotWords.TakeThePledge), IntentKind.Pledge),
        (nameof(BotWords.UseAFormInstead), IntentKind.PledgeForm),
        (nameof(BotWords.ChangeMyAnswers), IntentKind.PledgeForm),
        (nameof(BotWords.ConfirmMyPledge), IntentKind.PledgeConfirm),
        (nameof(BotWords.Results), IntentKind.Results),
        (nameof(BotWords.Cancel), IntentKind.Cancel),
        (nameof(BotWords.Share), IntentKind.Share),
        (nameof(BotWords.Menu), IntentKind.Welcome),
        (nameof(BotWords.ForgetMe), IntentKind.ForgetMe),
    ];

    public static TheoryData<string> Languages => new("en", "fr", "fil", "ar", "sw");

    [Theory]
    [MemberData(nameof(Languages))]
    public void TypingAButtonsTitleDoesWhatTheButtonDoes(string language) =>
        Assert.All(ButtonsThatAreCommands, button => InLanguage.Run(language, () =>
        {
            var title = BotWords.ResourceManager.GetString(button.Title, System.Globalization.CultureInfo.CurrentUICulture)!;
            Assert.True(button.Kind == Read(title).Kind, $"'{title}' read as {Read(title).Kind}, not {button.Kind}");
            return 0;
        }));

    [Theory]
    [MemberData(nameof(Languages))]
    public void TheConsentButtonsAreAnswersInTheirLanguage(string language) => InLanguage.Run(language, () =>
    {
        Assert.True(PledgeAnswerRules.YesOrNo(BotWords.YesIAgree));
        Assert.False(PledgeAnswerRules.YesOrNo(BotWords.No));
        Assert.True(PledgeAnswerRules.YesOrNo("yes"));
        return 0;
    });

    [Theory]
    [MemberData(nameof(Languages))]
    public void NoPhraseMeansTwoThingsInOneLanguage(string language) => InLanguage.Run(language, () =>
    {
        var keys = typeof(BotWords).GetProperties().Select(p => p.Name).Where(n => n.StartsWith("Typed", StringComparison.Ordinal));
        var owners = keys.SelectMany(key => TypedWords.Of(key).Select(phrase => (phrase, key)))
            .Distinct()
            .GroupBy(p => p.phrase)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(p => p.key))}");
        Assert.Empty(owners);
        return 0;
    });

    [Theory]
    [InlineData("fr", "aide", IntentKind.Help)]
    [InlineData("fr", "Aidez-moi !", IntentKind.Help)]
    [InlineData("fr", "resultats", IntentKind.Results)]
    [InlineData("fr", "RÉSULTATS", IntentKind.Results)]
    [InlineData("fr", "help", IntentKind.Help)]
    [InlineData("fil", "tulong", IntentKind.Help)]
    [InlineData("fil", "Bumoto", IntentKind.VoteMenu)]
    [InlineData("sw", "msaada", IntentKind.Help)]
    [InlineData("sw", "matokeo", IntentKind.Results)]
    [InlineData("ar", "مساعدة", IntentKind.Help)]
    [InlineData("ar", "مُسَاعَدَة", IntentKind.Help)]
    [InlineData("ar", "مساعده", IntentKind.Help)]
    [InlineData("ar", "ساعدني!", IntentKind.Help)]
    [InlineData("ar", "مساعدة؟", IntentKind.Help)]
    [InlineData("ar", "النتائج", IntentKind.Results)]
    [InlineData("ar", "انسني", IntentKind.ForgetMe)]
    [InlineData("en", "aide", IntentKind.Unrecognised)]
    [InlineData("sw", "tulong", IntentKind.Unrecognised)]
    public void TypedWordsWorkInTheTurnsLanguageAndInEnglish(string language, string typed, IntentKind expected) =>
        Assert.Equal(expected, InLanguage.Run(language, () => Read(typed).Kind));

    [Theory]
    [InlineData("en", "story 3", 3)]
    [InlineData("en", "Story ٣", 3)]
    [InlineData("ar", "قصة ٢", 2)]
    [InlineData("ar", "القصة ۴", 4)]
    [InlineData("fr", "histoire 2", 2)]
    [InlineData("sw", "hadithi 4", 4)]
    [InlineData("fil", "kuwento 2", 2)]
    public void AStoryCanBeAskedForByNumberInLocalDigits(string language, string typed, int story)
    {
        var intent = InLanguage.Run(language, () => Read(typed));

        Assert.Equal(IntentKind.Stories, intent.Kind);
        Assert.Equal(story, intent.StoryNumber);
    }

    [Theory]
    [InlineData("résultats", "resultats")]
    [InlineData("À l'aide", "a l aide")]
    [InlineData("مُسَاعَدَة", "مساعده")]
    [InlineData("أوافق", "اوافق")]
    [InlineData("مـسـاعـدة", "مساعده")]
    [InlineData("قصة ٢", "قصه 2")]
    [InlineData("داستان ۳", "داستان 3")]
    [InlineData("Юлия", "юлия")]
    public void CommandsAreComparedWithoutAccentsOrVowelMarksAndInWesternDigits(string typed, string compared) =>
        Assert.Equal(compared, SupporterText.AsCommand(typed));

    private static UserIntent Read(string text) =>
        UserIntentReader.Read(new Activity { Type = ActivityTypes.Message, Text = text });
}
