using System.Globalization;

namespace PledgeBot.Storage;

/// <summary>How lines of the admin audit log read, the same on every database.</summary>
public static class AdminAuditLines
{
    // An audit line is short by nature; a longer one is cut rather than refused, so the action is still recorded.
    private const int MaxLength = 500;

    /// <summary>Who a failed sign-in is, in the audit log: nobody signed in.</summary>
    public const string Nobody = "(not signed in)";

    public static string Cut(string text) => text.Length > MaxLength ? text[..MaxLength] : text;

    /// <summary>The start of the clock hour (UTC) whose counting line a failure at <paramref name="now"/> adds to.</summary>
    public static DateTimeOffset HourOf(DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }

    /// <summary>What every counting line of one way of signing in starts with.</summary>
    public static string FailedSignInPrefix(string how) => $"failed sign-in {how} (";

    /// <summary>The count in a counting line that starts with <paramref name="prefix"/>.</summary>
    public static int FailedSignInCount(string line, string prefix) =>
        int.Parse(line[prefix.Length..].Split(' ')[0], CultureInfo.InvariantCulture);

    /// <summary>"failed sign-in with the admin key (3 in this hour)".</summary>
    public static string FailedSignInLine(string prefix, int count) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}{count} in this hour)");
}
