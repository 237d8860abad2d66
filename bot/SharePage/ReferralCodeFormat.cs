using PledgeBot.Dialogs.Identity;

namespace PledgeBot.SharePage;

/// <summary>Reads a share link's <c>r</c>: a well-formed referral code, or nothing at all.</summary>
public static class ReferralCodeFormat
{
    /// <summary>The code when the query holds exactly one well-formed <c>r</c>, otherwise null.</summary>
    public static string? Read(IQueryCollection query) =>
        query.TryGetValue("r", out var values) && values.Count == 1 && PersonKeyHasher.IsWellFormedReferralCode(values[0]) ? values[0] : null;
}
