using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using PledgeBot.Dialogs.Cards;
using PledgeBot.Dialogs.Input;
using PledgeBot.Dialogs.Words;
using PledgeBot.Dialogs.Languages;

namespace PledgeBot.Dialogs.Conversation;

/// <summary>
/// Reads a message activity into a <see cref="UserIntent"/>: card data first, then typed words.
/// Every typed command means the same thing everywhere, in the middle of a pledge too; only text
/// that is not a command can be an answer.
/// </summary>
public static class UserIntentReader
{
    // Each command's words are a resource (BotWords.TypedHelp = "help|help me|please help"), in
    // every language; the buttons' titles are among them, so that typing what a button says does
    // what the button does. Looked up in order, the turn's language before English.
    private static readonly (string Words, IntentKind Kind)[] TypedCommands =
    [
        (nameof(BotWords.TypedWelcome), IntentKind.Welcome),
        (nameof(BotWords.TypedStories), IntentKind.Stories),
        (nameof(BotWords.TypedVoteMenu), IntentKind.VoteMenu),
        (nameof(BotWords.TypedPledge), IntentKind.Pledge),
        (nameof(BotWords.TypedPledgeForm), IntentKind.PledgeForm),
        (nameof(BotWords.TypedPledgeConfirm), IntentKind.PledgeConfirm),
        (nameof(BotWords.TypedResults), IntentKind.Results),
        (nameof(BotWords.TypedHelp), IntentKind.Help),
        (nameof(BotWords.TypedCancel), IntentKind.Cancel),
        (nameof(BotWords.TypedShare), IntentKind.Share),
        (nameof(BotWords.TypedMyData), IntentKind.MyData),
        (nameof(BotWords.TypedForgetMe), IntentKind.ForgetMe),
        (nameof(BotWords.TypedStop), IntentKind.Stop),
    ];

    private static readonly Dictionary<string, IntentKind> ButtonActions = new(StringComparer.Ordinal)
    {
        [ActionNames.Menu] = IntentKind.Welcome,
        [ActionNames.Stories] = IntentKind.Stories,
        [ActionNames.VoteMenu] = IntentKind.VoteMenu,
        [ActionNames.Vote] = IntentKind.Vote,
        [ActionNames.Results] = IntentKind.Results,
        [ActionNames.Pledge] = IntentKind.Pledge,
        [ActionNames.PledgeForm] = IntentKind.PledgeForm,
        [ActionNames.PledgeFormSubmit] = IntentKind.PledgeFormSubmit,
        [ActionNames.PledgeConfirm] = IntentKind.PledgeConfirm,
        [ActionNames.Reply] = IntentKind.Reply,
        [ActionNames.Cancel] = IntentKind.Cancel,
        [ActionNames.Share] = IntentKind.Share,
        [ActionNames.ShareInTeams] = IntentKind.ShareInTeams,
        [ActionNames.Help] = IntentKind.Help,
        [ActionNames.MyData] = IntentKind.MyData,
        [ActionNames.ForgetMe] = IntentKind.ForgetMe,
        [ActionNames.ForgetMeConfirmed] = IntentKind.ForgetMeConfirmed,
        [ActionNames.Stop] = IntentKind.Stop,
        [ActionNames.Language] = IntentKind.Language,
        [ActionNames.ChooseLanguage] = IntentKind.ChooseLanguage,
        [ActionNames.FollowUp] = IntentKind.FollowUp,
    };

    public static UserIntent Read(IMessageActivity activity)
    {
        if (activity.Value is JObject value && value.Value<string>("action") is { } action)
        {
            return FromButton(action, value);
        }

        // The text goes on as typed (an answer is cleaned and checked by the question's own rules);
        // the command is read from its cleaned words, so "help" with a zero-width space is help.
        var text = (activity.Text ?? "").Trim();
        var command = SupporterText.AsCommand(text);
        if (command is null)
        {
            return new UserIntent(IntentKind.Unrecognised, FromButton: false, Text: text);
        }

        if (LanguageCommands.Contains(command))
        {
            return new UserIntent(IntentKind.Language, FromButton: false, Text: text);
        }

        foreach (var (words, kind) in TypedCommands)
        {
            if (TypedWords.Contains(words, command))
            {
                return new UserIntent(kind, FromButton: false, Text: text, StoryNumber: kind == IntentKind.Stories ? 1 : null);
            }
        }

        return StoryByNumber(command) is { } story
            ? new UserIntent(IntentKind.Stories, FromButton: false, Text: text, StoryNumber: story)
            : new UserIntent(IntentKind.Unrecognised, FromButton: false, Text: text);
    }

    /// <summary>"story 2" (in any digits: "قصة ٢"): the story's number, or null. The dialog keeps it within the stories there are.</summary>
    private static int? StoryByNumber(string command)
    {
        var space = command.LastIndexOf(' ');
        return space > 0
            && command.Length - space - 1 is >= 1 and <= 3
            && int.TryParse(command.AsSpan(space + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            && TypedWords.Contains(nameof(BotWords.TypedStories), command[..space])
                ? number
                : null;
    }

    private static UserIntent FromButton(string action, JObject value)
    {
        if (!ButtonActions.TryGetValue(action, out var kind))
        {
            return new UserIntent(IntentKind.Unrecognised, FromButton: true);
        }

        // Card data comes from the client and may have been altered: read every field defensively.
        var story = value["story"]?.Type == JTokenType.Integer ? value.Value<int>("story") : (int?)null;
        return new UserIntent(
            kind,
            FromButton: true,
            Text: StringOrNull(value, "reply"),
            CauseId: StringOrNull(value, "causeId"),
            StoryNumber: story,
            PledgeId: StringOrNull(value, "pledgeId"),
            FormValues: value,
            Reason: StringOrNull(value, "reason"),
            Language: StringOrNull(value, "language"),
            Route: StringOrNull(value, "route"));
    }

    private static string? StringOrNull(JObject value, string name) =>
        value[name]?.Type == JTokenType.String ? value.Value<string>(name) : null;
}
