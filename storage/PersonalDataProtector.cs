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

    public string Protect(string value) => stored.Protect(value);

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
