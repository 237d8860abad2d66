using PledgeBot.PublicResults;

namespace PledgeBot.Admin.Dashboard;

/// <summary>
/// Everything the dashboard shows, as one value: <c>/admin/</c> is drawn from it and
/// <c>GET /admin/api/results</c> is it. The README's "Dashboard" paragraph documents its JSON.
/// </summary>
/// <param name="Public">The public figures (tallies per cause, goals, pledges, votes over time), read as <c>/results</c> reads them.</param>
/// <param name="SmallSegmentThreshold">Segments below this are given as "fewer than" (<see cref="SegmentCount"/>).</param>
public sealed record AdminResults(
    PublicResultsFigures Public,
    int SmallSegmentThreshold,
    IReadOnlyList<ChannelVotes> Channels,
    IReadOnlyList<ReferralFigures> Referrals,
    FunnelFigures Funnel);

/// <summary>
/// The count of a segment (a channel, a referral code and cause): the number when it is at least the
/// threshold, otherwise null with <see cref="FewerThan"/> set, so that a small group's choice cannot be read.
/// </summary>
public sealed record SegmentCount(long? Count, int? FewerThan)
{
    public static SegmentCount Of(long count, int threshold) =>
        count < threshold ? new SegmentCount(null, threshold) : new SegmentCount(count, null);
}

/// <param name="Channel"><c>teams</c> (msteams), <c>webChat</c> (directline, webchat) or <c>other</c>.</param>
public sealed record ChannelVotes(string Channel, SegmentCount Votes);

/// <param name="Visits">Visits of the share link; not a choice, so never hidden.</param>
public sealed record ReferralFigures(string Code, string CauseId, long Visits, SegmentCount Votes, SegmentCount Pledges);

/// <summary>
/// The steps from joining to sharing, for the whole campaign. Totals, not segments, so never hidden:
/// they show how many, not who chose what. The README's "Dashboard" says what each step counts.
/// </summary>
/// <param name="Joined">People who started a conversation (a web chat opened, Teams installed, any message).</param>
/// <param name="ReadAStory">People shown at least one cause's story card.</param>
/// <param name="Voted">People with a vote (the tally's total).</param>
/// <param name="Pledged">Pledges taken, all pledges together (one person may take several).</param>
/// <param name="Confirmed">Of those, with a confirmed email address; null while double opt-in is off.</param>
/// <param name="Shared">People given a share card (or Teams' "Share a cause" cards); whether they sent it on cannot be seen.</param>
public sealed record FunnelFigures(long Joined, long ReadAStory, long Voted, long Pledged, long? Confirmed, long Shared);
