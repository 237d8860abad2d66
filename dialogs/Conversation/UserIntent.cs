using Newtonsoft.Json.Linq;

namespace PledgeBot.Dialogs.Conversation;

public enum IntentKind
{
    Welcome,
    Stories,
    VoteMenu,
    Vote,
    Results,
    Pledge,
    PledgeForm,
    PledgeFormSubmit,
    PledgeConfirm,
    Reply,
    Cancel,
    Share,
    ShareInTeams,
    Help,

    /// <summary>"my data": everything stored about the person.</summary>
    MyData,

    /// <summary>"forget me": asks to confirm the erasure.</summary>
    ForgetMe,

    /// <summary>The confirmation button of "forget me".</summary>
    ForgetMeConfirmed,

    /// <summary>"stop"/"unsubscribe": ends what is in progress and withdraws consent to be contacted.</summary>
    Stop,

    /// <summary>"language" or the menu's Language button: the list of the campaign's languages.</summary>
    Language,

    /// <summary>A language chosen from that list: served in it from now on, and remembered for the person.</summary>
    ChooseLanguage,

    /// <summary>A button of the follow-up question: yes (by the route it offered) or no.</summary>
    FollowUp,

    /// <summary>Typed words that are not a command: an answer when a question is open, otherwise not understood.</summary>
    Unrecognised,
}

/// <summary>What the person asked for, from a card button or from typed words.</summary>
/// <param name="Text">The typed text (trimmed), or the reply a button carries.</param>
/// <param name="FormValues">The activity's value, for a submitted card form.</param>
/// <param name="Language">The language code a language or follow-up button carries, as sent (checked by whoever uses it).</param>
/// <param name="Route">The route a follow-up button offered ("teams" or "email"), as sent.</param>
public sealed record UserIntent(
    IntentKind Kind,
    bool FromButton,
    string? Text = null,
    string? CauseId = null,
    int? StoryNumber = null,
    string? PledgeId = null,
    JObject? FormValues = null,
    string? Reason = null,
    string? Language = null,
    string? Route = null);
