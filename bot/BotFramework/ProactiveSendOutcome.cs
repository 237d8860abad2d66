namespace PledgeBot.BotFramework;

/// <summary>What became of one proactive message, as the one who keeps the recipients' list needs to know it.</summary>
public enum ProactiveSendResult
{
    /// <summary>The channel took the message.</summary>
    Sent,

    /// <summary>The person blocked or uninstalled the bot (403) or the conversation is gone (404): do not try them again.</summary>
    Blocked,

    /// <summary>The channel was busy or unreachable and the bot's own retries gave up: try again later, after <see cref="ProactiveSendOutcome.RetryAfter"/> if it says.</summary>
    RetryLater,

    /// <summary>The channel refused the message for another reason (<see cref="ProactiveSendOutcome.Reason"/>); sending it again unchanged would fail again.</summary>
    Failed,
}

/// <summary>
/// The outcome of a proactive send. The reason is a short fixed text (a status code, an
/// exception's kind), never the channel's answer, which can quote the message or the person.
/// </summary>
public sealed record ProactiveSendOutcome(ProactiveSendResult Result, string Reason, TimeSpan? RetryAfter = null)
{
    public static ProactiveSendOutcome Sent { get; } = new(ProactiveSendResult.Sent, "sent");
}
