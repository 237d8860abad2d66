namespace PledgeBot.Bench.LoadTool;

/// <summary>What a person does in one measured turn (or, for the pledge, one conversation of turns).</summary>
public enum TurnKind
{
    /// <summary>The floor: a message to the echo bot (bench/EchoBot), answered with one small card.</summary>
    Echo,

    /// <summary>A new person joins: conversationUpdate (or the web chat's join event) and the welcome card.</summary>
    Join,

    /// <summary>The next story's card (a click on "Next story").</summary>
    NextStory,

    /// <summary>A vote from a person who never voted: one new row.</summary>
    Vote,

    /// <summary>A person who voted votes for another cause: the row changes.</summary>
    ChangeVote,

    /// <summary>The results card with the live tallies.</summary>
    Results,

    /// <summary>The whole pledge in conversation: "pledge", first name, email, consent, confirm (five turns).</summary>
    Pledge,

    /// <summary>A Teams Universal Actions vote: invoke adaptiveCard/action, answered with the card redrawn.</summary>
    TeamsVote,
}

/// <summary>How the bot's replies come back.</summary>
public enum ChannelMode
{
    /// <summary>deliveryMode expectReplies: the replies travel in the HTTP response.</summary>
    ExpectReplies,

    /// <summary>The bot posts its replies to a stand-in connector at the activity's serviceUrl.</summary>
    Connector,

    /// <summary>The web chat's path: the built-in Direct Line (token, conversation, post, poll).</summary>
    DirectLine,
}

public static class TurnKinds
{
    public static readonly IReadOnlyList<TurnKind> OfTheBot =
        [TurnKind.Join, TurnKind.NextStory, TurnKind.Vote, TurnKind.ChangeVote, TurnKind.Results, TurnKind.Pledge, TurnKind.TeamsVote];

    /// <summary>Teams posts to /api/messages only; Direct Line carries messages and events, never invokes.</summary>
    public static bool Supports(this ChannelMode mode, TurnKind kind) =>
        !(mode == ChannelMode.DirectLine && kind is TurnKind.TeamsVote or TurnKind.Echo);

    public static string Name(this TurnKind kind) => kind switch
    {
        TurnKind.Echo => "echo",
        TurnKind.Join => "join",
        TurnKind.NextStory => "next-story",
        TurnKind.Vote => "vote",
        TurnKind.ChangeVote => "change-vote",
        TurnKind.Results => "results",
        TurnKind.Pledge => "pledge",
        TurnKind.TeamsVote => "teams-vote",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string Name(this ChannelMode mode) => mode switch
    {
        ChannelMode.ExpectReplies => "expectReplies",
        ChannelMode.Connector => "connector",
        ChannelMode.DirectLine => "directline",
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };

    public static TurnKind ParseKind(string name) =>
        Enum.GetValues<TurnKind>().FirstOrDefault(k => k.Name() == name, (TurnKind)(-1)) is var kind && Enum.IsDefined(kind)
            ? kind
            : throw new ArgumentException($"Unknown turn kind '{name}'. Known: {string.Join(", ", Enum.GetValues<TurnKind>().Select(k => k.Name()))}.");

    public static ChannelMode ParseMode(string name) =>
        Enum.GetValues<ChannelMode>().FirstOrDefault(m => string.Equals(m.Name(), name, StringComparison.OrdinalIgnoreCase), (ChannelMode)(-1)) is var mode && Enum.IsDefined(mode)
            ? mode
            : throw new ArgumentException($"Unknown channel mode '{name}'. Known: expectReplies, connector, directline.");
}
