using Microsoft.Bot.Builder;

namespace PledgeBot.Dialogs.Conversation;

/// <summary>
/// What a turn was for, as the metrics and traces name it. The bot records it where it decides
/// what to do, so that a typed "yes" in the middle of a pledge counts as a pledge step, not as
/// words it did not understand.
/// </summary>
public enum TurnKind
{
    Other,
    Join,
    Menu,
    Story,
    Ballot,
    Vote,
    Results,
    Pledge,
    Share,
    Rights,
    Help,

    /// <summary>Teams redrawing a card someone looks at (Universal Actions' refresh).</summary>
    Refresh,
}

public static class TurnKinds
{
    // Written once, so that no turn formats an enum into a new string.
    private static readonly string[] Names = Enum.GetNames<TurnKind>().Select(name => name.ToLowerInvariant()).ToArray();

    public static string Name(TurnKind kind) => Names[(int)kind];

    // Boxed once per kind: recording a turn's kind allocates nothing.
    private static readonly object[] Boxed = Enum.GetValues<TurnKind>().Select(kind => (object)kind).ToArray();

    private const string StateKey = "PledgeBot.TurnKind";

    public static void Record(ITurnContext turnContext, TurnKind kind) => turnContext.TurnState[StateKey] = Boxed[(int)kind];

    /// <summary>What the bot recorded for this turn; <see cref="TurnKind.Other"/> when it recorded nothing.</summary>
    public static TurnKind Of(ITurnContext turnContext) =>
        turnContext.TurnState.TryGetValue(StateKey, out var kind) && kind is TurnKind recorded ? recorded : TurnKind.Other;

    /// <summary>A message's kind, as <see cref="CampaignBot"/> routes it (an open pledge takes help, cancel and answers).</summary>
    public static TurnKind OfMessage(UserIntent intent, bool pledgeOpen) => intent.Kind switch
    {
        IntentKind.Help or IntentKind.Cancel or IntentKind.Reply when pledgeOpen => TurnKind.Pledge,
        IntentKind.Unrecognised when pledgeOpen && !intent.FromButton => TurnKind.Pledge,
        IntentKind.Pledge or IntentKind.PledgeForm or IntentKind.PledgeFormSubmit or IntentKind.PledgeConfirm => TurnKind.Pledge,
        IntentKind.MyData or IntentKind.Stop or IntentKind.ForgetMe or IntentKind.ForgetMeConfirmed => TurnKind.Rights,
        IntentKind.Welcome => TurnKind.Menu,
        IntentKind.Stories => TurnKind.Story,
        IntentKind.VoteMenu => TurnKind.Ballot,
        IntentKind.Vote => TurnKind.Vote,
        IntentKind.Results => TurnKind.Results,
        IntentKind.Share or IntentKind.ShareInTeams => TurnKind.Share,
        IntentKind.Help => TurnKind.Help,
        _ => TurnKind.Other,
    };

    /// <summary>A Teams card action answered in place, by its verb.</summary>
    public static TurnKind OfCardAction(string? verb) => verb switch
    {
        Cards.ActionNames.Vote => TurnKind.Vote,
        Cards.ActionNames.Stories => TurnKind.Story,
        Cards.ActionNames.VoteMenu => TurnKind.Ballot,
        Teams.UniversalActions.RefreshVerb => TurnKind.Refresh,
        _ => TurnKind.Other,
    };
}
