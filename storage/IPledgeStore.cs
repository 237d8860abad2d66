namespace PledgeBot.Storage;

/// <summary>Pledges, counted once per email address per pledge.</summary>
public interface IPledgeStore
{
    /// <summary>
    /// Stores the signature durably before returning and gives the pledge's count afterwards. An
    /// email that already signed this pledge is quietly not counted again; the caller cannot tell
    /// the difference, so that nobody learns who has signed.
    /// </summary>
    Task<int> TakePledgeAsync(PledgeSignature signature, CancellationToken cancellationToken = default);

    Task<int> CountAsync(string campaignId, string pledgeId, CancellationToken cancellationToken = default);
}

/// <param name="EmailKey">Keyed hash of the normalised email: the de-duplication key.</param>
/// <param name="PersonKey">Keyed hash of the chat identity that signed.</param>
public sealed record PledgeSignature(
    string CampaignId,
    string PledgeId,
    string EmailKey,
    string PersonKey,
    string FirstName,
    string Email,
    DateTimeOffset ConsentedAt);
