namespace PledgeBot.SharePage;

/// <summary>
/// When a cached preview picture is redrawn, comparing the counts it was drawn with to the counts
/// now. While the numbers it shows are small (under 100 votes in the campaign, under 100 pledges),
/// any change counts, because there every single vote is visible. From 100 on, the picture is
/// redrawn once the cause's votes, the campaign's total votes or the pledges have moved by at
/// least 1% of what the picture shows: its share is then never more than about two points off,
/// and a busy campaign redraws each picture about once per 1% of new votes.
/// </summary>
public static class ShareCardRefreshPolicy
{
    public const int SmallNumbers = 100;

    public static bool IsMeaningfulChange(CauseCounts drawn, CauseCounts now) =>
        Moved(drawn.Votes, now.Votes, drawn.TotalVotes)
        || Moved(drawn.TotalVotes, now.TotalVotes, drawn.TotalVotes)
        || Moved(drawn.Pledges ?? 0, now.Pledges ?? 0, drawn.Pledges ?? 0)
        || drawn.Pledges.HasValue != now.Pledges.HasValue
        || drawn.TalliesHidden != now.TalliesHidden;

    // Under 100, any change; from 100, at least 1% of the drawn count: |change| * 100 >= drawn, in integers.
    private static bool Moved(int before, int after, int scale) =>
        scale < SmallNumbers ? before != after : (long)Math.Abs(after - before) * 100 >= scale;
}
