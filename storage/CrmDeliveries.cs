namespace PledgeBot.Storage;

/// <summary>
/// One outbox record due for delivery to one CRM, with what is known of its supporter now.
/// </summary>
/// <param name="Attempts">Attempts made before this one.</param>
/// <param name="ToldBefore">
/// Whether an earlier record of the same pledge reached this CRM, or may have (an attempt whose
/// answer never came): a withdrawal or an erasure is news only to a CRM that heard of the pledge.
/// </param>
/// <param name="Supporter">Null when there is nobody left to tell about: the pledge was erased since, or the erasure's email was cleared.</param>
public sealed record DueCrmDelivery(
    string RecordId, string Destination, string Event, DateTimeOffset OccurredAt, int Attempts, bool ToldBefore, CrmSupporter? Supporter);

/// <summary>
/// A pledge as the CRMs see it, decrypted just now from the pledge as it is at delivery time. For
/// an erasure only the ids and the email are known: everything else is gone.
/// </summary>
/// <param name="PledgeRecordId">The pledge's own random id: the same supporter record at every CRM, whatever is retried.</param>
/// <param name="CauseVotedFor">The cause this person voted for in the campaign, if any.</param>
/// <param name="ReferralCode">The share link that brought the person, if one did.</param>
/// <param name="ConsentLanguage">The language of the consent statement the person agreed to (its version is numbered in that language).</param>
public sealed record CrmSupporter(
    string PledgeRecordId,
    string CampaignId,
    string PledgeId,
    string Email,
    string? FirstName = null,
    DateTimeOffset? ConsentedAt = null,
    int? ConsentStatementVersion = null,
    string? Locale = null,
    string? Channel = null,
    string? CauseVotedFor = null,
    string? ReferralCode = null,
    DateTimeOffset? ConfirmedAt = null,
    DateTimeOffset? ContactWithdrawnAt = null,
    string? ConsentLanguage = null);

/// <summary>Where a delivery stands.</summary>
public static class CrmDeliveryStates
{
    /// <summary>Not yet delivered: never tried, or tried and failed and due again at its next attempt.</summary>
    public const string Pending = "pending";

    public const string Delivered = "delivered";

    /// <summary>Nothing to send (the pledge was erased or withdrawn before it went out, or this CRM never heard of it).</summary>
    public const string Skipped = "skipped";

    /// <summary>Given up after the last attempt allowed, or refused for good; an admin can retry it.</summary>
    public const string Dead = "dead";
}

/// <summary>One CRM's deliveries by state, and the last error seen (a status and a reason, never personal data).</summary>
/// <param name="Failing">Pending deliveries that have failed at least once.</param>
public sealed record CrmDeliveryCounts(long Delivered, long Skipped, long Pending, long Failing, long Dead, CrmDeliveryError? LastError);

/// <param name="Status">The HTTP status the CRM answered, or null when no answer came (timeout, refused connection).</param>
public sealed record CrmDeliveryError(int? Status, string Reason, DateTimeOffset At);
