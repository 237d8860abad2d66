using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using PledgeBot.Dialogs.Cards;
using PledgeBot.Dialogs.Input;
using PledgeBot.Dialogs.Languages;

namespace PledgeBot.Dialogs.Conversation;

/// <summary>
/// Reads a message activity into a <see cref="UserIntent"/>: card data first, then typed words.
/// Every typed command means the same thing everywhere, in the middle of a pledge too; only text
/// that is not a command can be an answer.
/// </summary>
public static class UserIntentReader
{
    // Phrases as SupporterText.AsPhrase gives them: lower case, no punctuation. The buttons'
    // titles are here too, so that typing what a button says does what the button does.
    private static readonly Dictionary<string, IntentKind> TypedCommands = new(StringComparer.Ordinal)
    {
        ["hi"] = IntentKind.Welcome,
        ["hello"] = IntentKind.Welcome,
        ["hey"] = IntentKind.Welcome,
        ["start"] = IntentKind.Welcome,
        ["restart"] = IntentKind.Welcome,
        ["menu"] = IntentKind.Welcome,
        ["stories"] = IntentKind.Stories,
        ["story"] = IntentKind.Stories,
        ["read the stories"] = IntentKind.Stories,
        ["vote"] = IntentKind.VoteMenu,
        ["change my vote"] = IntentKind.VoteMenu,
        ["pledge"] = IntentKind.Pledge,
        ["take the pledge"] = IntentKind.Pledge,
        ["use a form instead"] = IntentKind.PledgeForm,
        ["use a form"] = IntentKind.PledgeForm,
        ["change my answers"] = IntentKind.PledgeForm,
        ["confirm my pledge"] = IntentKind.PledgeConfirm,
        ["results"] = IntentKind.Results,
        ["result"] = IntentKind.Results,
        ["help"] = IntentKind.Help,
        ["help me"] = IntentKind.Help,
        ["please help"] = IntentKind.Help,
        ["cancel"] = IntentKind.Cancel,
        ["cancel the pledge"] = IntentKind.Cancel,
        ["quit"] = IntentKind.Cancel,
        ["exit"] = IntentKind.Cancel,
        ["share"] = IntentKind.Share,
        ["my data"] = IntentKind.MyData,
        ["mydata"] = IntentKind.MyData,
        ["forget me"] = IntentKind.ForgetMe,
        ["forgetme"] = IntentKind.ForgetMe,
        ["erase me"] = IntentKind.ForgetMe,
        ["stop"] = IntentKind.Stop,
        ["unsubscribe"] = IntentKind.Stop,
    };

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
        var command = SupporterText.AsPhrase(text);
        if (command is not null && LanguageCommands.Contains(command))
        {
            return new UserIntent(IntentKind.Language, FromButton: false, Text: text);
        }

        return command is not null && TypedCommands.TryGetValue(command, out var kind)
            ? new UserIntent(kind, FromButton: false, Text: text, StoryNumber: kind == IntentKind.Stories ? 1 : null)
            : new UserIntent(IntentKind.Unrecognised, FromButton: false, Text: text);
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
            Language: StringOrNull(value, "language"));
    }

    private static string? StringOrNull(JObject value, string name) =>
        value[name]?.Type == JTokenType.String ? value.Value<string>(name) : null;
}
