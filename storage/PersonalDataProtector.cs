using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace PledgeBot.Storage;

/// <summary>
/// Encrypts the personal data we must keep readable (a pledge's first name and email, and the
/// answers of a pledge still in progress) with ASP.NET Core Data Protection: authenticated
/// encryption whose keys live outside the database, so a copied database file alone reveals no
/// names or emails. Stored pledges and drafts use different purposes, so one cannot be passed off
/// as the other.
/// </summary>
public sealed class PersonalDataProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector stored = provider.CreateProtector("PledgeBot.PersonalData.Stored.v1");
    private readonly IDataProtector drafts = provider.CreateProtector("PledgeBot.PersonalData.PledgeDraft.v1");

    /// <summary>The <c>pledges.protection</c> (and <c>crm_outbox.subject_protection</c>) of a value this class encrypted; 0 is plain text, written before version 3.</summary>
    public const int Protected = 1;

    public string Protect(string value) => stored.Protect(value);

    /// <summary>A stored pledge value as it reads, whether it was written encrypted (<see cref="Protected"/>) or, long ago, plain; null when it cannot be decrypted.</summary>
    public string? Unprotect(string storedValue, int protection) => protection == Protected ? Unprotect(storedValue) : storedValue;

    /// <summary>The plain value, or null when it cannot be decrypted (its key is gone or the text was altered).</summary>
    public string? Unprotect(string protectedValue) => TryUnprotect(stored, protectedValue);

    public string ProtectDraft(string value) => drafts.Protect(value);

    public string? UnprotectDraft(string? protectedValue) =>
        protectedValue is null ? null : TryUnprotect(drafts, protectedValue);

    private static string? TryUnprotect(IDataProtector protector, string protectedValue)
    {
        try
        {
            return protector.Unprotect(protectedValue);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
