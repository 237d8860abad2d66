namespace PledgeBot.Dialogs.Conversation;

/// <summary>
/// What the bot remembers about one conversation between turns (kept in the SDK's
/// ConversationState, so in the database). Only an unfinished pledge needs remembering.
/// </summary>
public sealed class ConversationFlow
{
    public PledgeDraft? Pledge { get; set; }
}

public enum PledgeStep
{
    AskFirstName,
    AskEmail,
    AskConsent,
    Confirm,
}

/// <summary>The answers so far. Deleted when the pledge is stored or cancelled.</summary>
public sealed class PledgeDraft
{
    public string PledgeId { get; set; } = "";

    public PledgeStep Step { get; set; }

    public string? FirstName { get; set; }

    public string? Email { get; set; }
}
