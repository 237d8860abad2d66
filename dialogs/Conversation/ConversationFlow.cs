using PledgeBot.Dialogs.Cards;

namespace PledgeBot.Dialogs.Conversation;

/// <summary>
/// What the bot remembers about one conversation between turns (kept in the SDK's
/// ConversationState, so in the database): an unfinished pledge, and the share link the
/// conversation came from.
/// </summary>
public sealed class ConversationFlow
{
    public PledgeDraft? Pledge { get; set; }

    public ReferralState? Referral { get; set; }
}

/// <summary>
/// The referral code of the share link that opened this chat, who opened it, and whether this
/// chat has already had its vote and pledge counted (which spares the database a write each time).
/// </summary>
public sealed class ReferralState
{
    public string Code { get; set; } = "";

    /// <summary>The keyed person hash of who joined through the link: a conversion counts once per person.</summary>
    public string? PersonKey { get; set; }

    public bool VoteCounted { get; set; }

    public bool PledgeCounted { get; set; }
}

public enum PledgeStep
{
    AskFirstName,
    AskEmail,
    AskConsent,
    Confirm,

    /// <summary>The whole pledge as one card form; its submission checks every answer at once.</summary>
    Form,
}

/// <summary>
/// The answers so far, while a pledge is in progress. First name and email are encrypted (see
/// PersonalDataProtector) because conversation state is a database row like any other; the draft
/// is removed when the pledge is stored or cancelled, when the person leaves it, and once it has
/// been untouched for <see cref="PledgeDialog.DraftLifetime"/>.
/// </summary>
public sealed class PledgeDraft
{
    public string PledgeId { get; set; } = "";

    public PledgeStep Step { get; set; }

    public string? ProtectedFirstName { get; set; }

    public string? ProtectedEmail { get; set; }

    /// <summary>When the person said yes, and to which wording (conversation or form); null before.</summary>
    public DateTimeOffset? ConsentedAt { get; set; }

    public ConsentWordingKind ConsentWording { get; set; }

    /// <summary>The language the consent statement was shown in (null in drafts from before languages): the one recorded, even if the person changes language before confirming.</summary>
    public string? ConsentLanguage { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
