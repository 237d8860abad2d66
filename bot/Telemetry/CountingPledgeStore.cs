using PledgeBot.Storage;

namespace PledgeBot.Telemetry;

/// <summary>
/// Counts each pledge signature once the store has it durably. The store does not say whether an
/// email had signed before (nobody may learn who has), so a repeat signature counts here too.
/// </summary>
public sealed class CountingPledgeStore(IPledgeStore inner, BotMetrics metrics) : IPledgeStore
{
    public async Task<PledgeReceipt> TakePledgeAsync(PledgeSignature signature, CancellationToken cancellationToken = default)
    {
        var receipt = await inner.TakePledgeAsync(signature, cancellationToken);
        metrics.PledgeStored(signature.PledgeId, TelemetryChannels.Of(signature.Consent.Channel));
        return receipt;
    }

    public Task<int> CountAsync(string campaignId, string pledgeId, CancellationToken cancellationToken = default) =>
        inner.CountAsync(campaignId, pledgeId, cancellationToken);

    public Task<PledgeCounts> GetCountsAsync(string campaignId, string pledgeId, CancellationToken cancellationToken = default) =>
        inner.GetCountsAsync(campaignId, pledgeId, cancellationToken);
}
