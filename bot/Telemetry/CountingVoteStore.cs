using PledgeBot.Storage;

namespace PledgeBot.Telemetry;

/// <summary>Counts each vote once the store has it durably, whichever way it came (a message, a Teams card action).</summary>
public sealed class CountingVoteStore(IVoteStore inner, BotMetrics metrics) : IVoteStore
{
    public async Task<VoteResult> RecordVoteAsync(VoteRequest request, CancellationToken cancellationToken = default)
    {
        var result = await inner.RecordVoteAsync(request, cancellationToken);
        metrics.VoteStored(TelemetryChannels.Of(request.Channel), result.Outcome switch
        {
            VoteOutcome.Recorded => "new",
            VoteOutcome.Changed => "changed",
            _ => "unchanged",
        });
        return result;
    }

    public Task<string?> FindVoteAsync(string campaignId, string personKey, CancellationToken cancellationToken = default) =>
        inner.FindVoteAsync(campaignId, personKey, cancellationToken);

    public Task<VoteTally> GetTallyAsync(string campaignId, CancellationToken cancellationToken = default) =>
        inner.GetTallyAsync(campaignId, cancellationToken);

    public Task<VoteTimeline> GetTimelineAsync(string campaignId, DateTimeOffset hoursFrom, CancellationToken cancellationToken = default) =>
        inner.GetTimelineAsync(campaignId, hoursFrom, cancellationToken);
}
