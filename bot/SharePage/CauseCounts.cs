using System.Globalization;

namespace PledgeBot.SharePage;

/// <summary>
/// What a share page and its picture show about one cause: its votes, all votes in the campaign,
/// its whole-number share of them, and its pledge count (null when the cause has no pledge).
/// </summary>
/// <param name="ConfirmedPledges">Pledges whose email is confirmed; null when double opt-in is off.</param>
/// <param name="TalliesHidden">The admins hide the tallies until voting closes: the vote figures are 0 and must not be shown.</param>
public sealed record CauseCounts(int Votes, int TotalVotes, int Percent, int? Pledges, int? ConfirmedPledges = null, bool TalliesHidden = false)
{
    public const string HiddenVotes = "Results will be shown when voting closes";

    /// <summary>The counts of a cause while the tallies are hidden: its pledges only.</summary>
    public static CauseCounts Hidden(int? pledges, int? confirmedPledges) => new(0, 0, 0, pledges, confirmedPledges, TalliesHidden: true);

    /// <summary>"12 votes · 34% · 56 pledges": the picture's line of counts.</summary>
    public string Describe()
    {
        var parts = TalliesHidden ? [HiddenVotes] : new List<string> { Plural(Votes, "vote"), $"{Percent}%" };
        if (Pledges is { } pledges)
        {
            parts.Add(Plural(pledges, "pledge"));
        }

        return string.Join(" · ", parts);
    }

    public static string Plural(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count:N0} {noun}{(count == 1 ? "" : "s")}");
}
