using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Conversation;
using PledgeBot.Storage;

namespace PledgeBot.SharePage;

/// <summary>Reads a cause's live counts from the vote and pledge stores.</summary>
/// <remarks>Confirmed pledges are read only with double opt-in on; without it nobody is asked to confirm.</remarks>
public sealed class CauseCountsReader(CampaignContent content, IVoteStore votes, IPledgeStore pledges, PledgeSettings settings)
{
    public async Task<CauseCounts> ReadAsync(Cause cause, CancellationToken cancellationToken)
    {
        var tally = await votes.GetTallyAsync(content.Id, cancellationToken);
        var pledgeCounts = cause.Pledge is null ? null : await pledges.GetCountsAsync(content.Id, cause.Pledge.Id, cancellationToken);
        return new CauseCounts(
            tally.VotesFor(cause.Id), tally.Total, tally.PercentFor(cause.Id), pledgeCounts?.Total, settings.DoubleOptIn ? pledgeCounts?.Confirmed : null);
    }
}
