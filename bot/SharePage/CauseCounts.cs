using PledgeBot.Pages;

namespace PledgeBot.SharePage;

/// <summary>
/// What a share page and its picture show about one cause: its votes, all votes in the campaign,
/// its whole-number share of them, and its pledge count (null when the cause has no pledge).
/// </summary>
/// <param name="ConfirmedPledges">Pledges whose email is confirmed; null when double opt-in is off.</param>
/// <param name="TalliesHidden">The admins hide the tallies until voting closes: the vote figures are 0 and must not be shown.</param>
public sealed record CauseCounts(int Votes, int TotalVotes, int Percent, int? Pledges, int? ConfirmedPledges = null, bool TalliesHidden = false)
{
    /// <summary>The counts of a cause while the tallies are hidden: its pledges only.</summary>
    public static CauseCounts Hidden(int? pledges, int? confirmedPledges) => new(0, 0, 0, pledges, confirmedPledges, TalliesHidden: true);

    /// <summary>"12 votes · 34% · 56 pledges": the picture's line of counts, in the supporter's language.</summary>
    public string Describe()
    {
        var parts = TalliesHidden
            ? [PageWords.TalliesHiddenUntilClose]
            : new List<string> { PageText.Count(Votes, PageWords.VotesOne, PageWords.VotesOther), PageText.Percent(Percent) };
        if (Pledges is { } pledges)
        {
            parts.Add(PageText.Count(pledges, PageWords.PledgesOne, PageWords.PledgesOther));
        }

        return string.Join(" · ", parts);
    }
}
