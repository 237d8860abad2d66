using System.Data.Common;

namespace PledgeBot.Storage;

/// <summary>
/// A queued confirmation email that is due, with the pledge's first name and email decrypted just
/// now: the queue itself holds no personal data, only the pledge's record id.
/// </summary>
/// <param name="Attempts">Attempts made before this one.</param>
/// <param name="Language">
/// The language the pledge's consent statement was shown in (the one the person pledged in), so the
/// email is written in it; null for a pledge without a consent record.
/// </param>
public sealed record DueConfirmationEmail(string TokenId, string CampaignId, string PledgeId, string FirstName, string Email, int Attempts, string? Language)
{
    /// <summary>
    /// Reads a due row, selected as <c>e.token_id, p.campaign_id, p.pledge_id, p.first_name,
    /// p.email, p.protection, e.attempts, c.statement_language</c> on any database, into <paramref name="due"/>, or its
    /// token id into <paramref name="unreadable"/> when its name or email cannot be decrypted.
    /// </summary>
    public static void Read(DbDataReader row, PersonalDataProtector protector, List<DueConfirmationEmail> due, List<string> unreadable)
    {
        var firstName = protector.Unprotect(row.GetString(3), row.GetInt32(5));
        var email = protector.Unprotect(row.GetString(4), row.GetInt32(5));
        if (firstName is null || email is null)
        {
            unreadable.Add(row.GetString(0));
            return;
        }

        due.Add(new DueConfirmationEmail(row.GetString(0), row.GetString(1), row.GetString(2), firstName, email, row.GetInt32(6), row.IsDBNull(7) ? null : row.GetString(7)));
    }
}

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
