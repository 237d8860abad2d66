namespace PledgeBot.Storage;

/// <summary>
/// A queued confirmation email that is due, with the pledge's first name and email decrypted just
/// now: the queue itself holds no personal data, only the pledge's record id.
/// </summary>
/// <param name="Attempts">Attempts made before this one.</param>
public sealed record DueConfirmationEmail(string TokenId, string CampaignId, string PledgeId, string FirstName, string Email, int Attempts);

/// <summary>What opening a confirmation link did.</summary>
public enum ConfirmationOutcome
{
    /// <summary>The pledge is confirmed now.</summary>
    Confirmed,

    /// <summary>The pledge had been confirmed before (this link or another one was opened already).</summary>
    AlreadyConfirmed,

    /// <summary>No pledge for this link: it was erased (forget me), so nothing is stored.</summary>
    NothingStored,
}
