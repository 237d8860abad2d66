using PledgeBot.Dialogs.Identity;

namespace PledgeBot.SharePage;

/// <summary>
/// Whether a share link's <c>r</c> value is a referral code as <see cref="PersonKeyHasher.ReferralCode"/>
/// makes them: exactly ten characters from its alphabet. Anything else is treated as if absent.
/// </summary>
public static class ReferralCodeFormat
{
    /// <summary>The hasher's alphabet (no 0/o, 1/l); a test checks that its codes pass.</summary>
    public const string Alphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    /// <summary>The code when the query holds exactly one well-formed <c>r</c>, otherwise null.</summary>
    public static string? Read(IQueryCollection query) =>
        query.TryGetValue("r", out var values) && values.Count == 1 && IsWellFormed(values[0]) ? values[0] : null;

    public static bool IsWellFormed(string? value) =>
        value is { Length: PersonKeyHasher.ReferralCodeLength } && value.All(c => Alphabet.Contains(c, StringComparison.Ordinal));
}
