using PledgeBot.Dialogs.Content;
using PledgeBot.Storage;

namespace PledgeBot.SharePage;

/// <summary>Reads a cause's live counts from the vote and pledge stores.</summary>
public sealed class CauseCountsReader(CampaignContent content, IVoteStore votes, IPledgeStore pledges)
{
    public async Task<CauseCounts> ReadAsync(Cause cause, CancellationToken cancellationToken)
    {
        var tally = await votes.GetTallyAsync(content.Id, cancellationToken);
        int? pledgeCount = cause.Pledge is null ? null : await pledges.CountAsync(content.Id, cause.Pledge.Id, cancellationToken);
        return new CauseCounts(tally.VotesFor(cause.Id), tally.Total, tally.PercentFor(cause.Id), pledgeCount);
    }
}
