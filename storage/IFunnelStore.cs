namespace PledgeBot.Storage;

/// <summary>
/// The dashboard's funnel steps the other stores cannot tell: who joined, read a story, asked for a
/// share card. One row per campaign, step and person (their keyed person hash, the same one the
/// votes use), nothing else: no time, no channel, no cause. Erasure and data retention take the
/// rows (<see cref="IPersonalDataStore.ForgetPersonAsync"/>, <see cref="IRetentionStore.ApplyAsync"/>).
/// </summary>
public interface IFunnelStore
{
    /// <summary>Notes that the person reached the step; a person who reached it before changes nothing.</summary>
    Task RecordAsync(string campaignId, FunnelStep step, string personKey, CancellationToken cancellationToken = default);

    /// <summary>How many distinct people reached each step in the campaign.</summary>
    Task<FunnelCounts> CountAsync(string campaignId, CancellationToken cancellationToken = default);
}

public enum FunnelStep
{
    Joined,
    ReadAStory,
    Shared,
}

public sealed record FunnelCounts(long Joined, long ReadAStory, long Shared);
