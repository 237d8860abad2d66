using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Conversation;
using PledgeBot.Dialogs.Results;
using PledgeBot.Storage;

namespace PledgeBot.SharePage;

/// <summary>Reads a cause's live counts from the vote and pledge stores; no vote counts while the admins hide the tallies.</summary>
/// <remarks>Confirmed pledges are read only with double opt-in on; without it nobody is asked to confirm.</remarks>
public sealed class CauseCountsReader(CurrentCampaign campaign, IVoteStore votes, IPledgeStore pledges, PledgeSettings settings, VotingStatusReader voting)
{
    public async Task<CauseCounts> ReadAsync(Cause cause, CancellationToken cancellationToken)
    {
        var content = campaign.Content;
        var pledgeCounts = cause.Pledge is null ? null : await pledges.GetCountsAsync(content.Id, cause.Pledge.Id, cancellationToken);
        var confirmed = settings.DoubleOptIn ? pledgeCounts?.Confirmed : null;
        if ((await voting.ReadAsync(cancellationToken)).TalliesHidden)
        {
            return CauseCounts.Hidden(pledgeCounts?.Total, confirmed);
        }

        var tally = await votes.GetTallyAsync(content.Id, cancellationToken);
        return new CauseCounts(
            tally.VotesFor(cause.Id), tally.Total, tally.PercentFor(cause.Id), pledgeCounts?.Total, confirmed);
    }
}
