namespace PledgeBot.Storage;

/// <summary>Pledges, counted once per email address per pledge, each with the consent it was given with.</summary>
public interface IPledgeStore
{
    /// <summary>
    /// Stores the signature and its consent record in one transaction, durably, before returning.
    /// An email that already signed this pledge is quietly not counted again (the first signature
    /// and its consent stay); the caller's answer to the person must not differ, so that nobody
    /// learns who has signed.
    /// </summary>
    Task<PledgeReceipt> TakePledgeAsync(PledgeSignature signature, CancellationToken cancellationToken = default);

    Task<int> CountAsync(string campaignId, string pledgeId, CancellationToken cancellationToken = default);

    /// <summary>All pledges taken, and how many of them have a confirmed email address.</summary>
    Task<PledgeCounts> GetCountsAsync(string campaignId, string pledgeId, CancellationToken cancellationToken = default);
}

public sealed record PledgeCounts(int Total, int Confirmed);

/// <param name="EmailKey">Keyed hash of the normalised email: the de-duplication key.</param>
/// <param name="PersonKey">Keyed hash of the chat identity that signed.</param>
/// <param name="FirstName">As given; encrypted by the store before it is written.</param>
/// <param name="Email">As given; encrypted by the store before it is written.</param>
/// <param name="ConfirmEmail">
/// Double opt-in: queue an email with a confirmation link in the same transaction as the pledge
/// (and, for a repeat signature whose pledge is still unconfirmed, a fresh one now and then).
/// </param>
public sealed record PledgeSignature(
    string CampaignId,
    string PledgeId,
    string EmailKey,
    string PersonKey,
    string FirstName,
    string Email,
    ConsentGiven Consent,
    bool ConfirmEmail = false);

/// <summary>
/// Proof of a yes: which statement was shown (its version and the hash of its exact text), in
/// which language and channel, and when the person agreed.
/// </summary>
public sealed record ConsentGiven(ConsentStatement Statement, string? Locale, string Channel, DateTimeOffset At);

/// <param name="Count">How many people have taken this pledge now.</param>
/// <param name="RecordId">The stored pledge's id (the earlier one when the email had signed before).</param>
/// <param name="Confirmed">Whether that stored pledge's email address is confirmed already.</param>
public sealed record PledgeReceipt(int Count, string RecordId, bool Confirmed);
