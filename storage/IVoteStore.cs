namespace PledgeBot.Storage;

/// <summary>One vote per person per campaign; a person may change it, never count twice.</summary>
public interface IVoteStore
{
    /// <summary>
    /// Records the vote durably before returning. A request id seen before (a channel re-delivering
    /// the same activity) changes nothing and returns the answer the first delivery got.
    /// </summary>
    Task<VoteResult> RecordVoteAsync(VoteRequest request, CancellationToken cancellationToken = default);

    Task<string?> FindVoteAsync(string campaignId, string personKey, CancellationToken cancellationToken = default);

    Task<VoteTally> GetTallyAsync(string campaignId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The votes as they stand, by when each was cast (its last change, for a changed vote): per UTC
    /// day and, from <paramref name="hoursFrom"/> on, per UTC hour. Only periods with votes are listed.
    /// </summary>
    Task<VoteTimeline> GetTimelineAsync(string campaignId, DateTimeOffset hoursFrom, CancellationToken cancellationToken = default);
}

/// <param name="PerDay">Votes per UTC day, oldest first; together they are the tally's total.</param>
/// <param name="PerHour">Votes per UTC hour (its start), oldest first.</param>
public sealed record VoteTimeline(IReadOnlyList<VotesOnDay> PerDay, IReadOnlyList<VotesInHour> PerHour);

public sealed record VotesOnDay(DateOnly Day, int Votes);

public sealed record VotesInHour(DateTime HourStartUtc, int Votes);

/// <param name="RequestId">Identifies the delivery (channel, conversation and activity id), for de-duplication.</param>
/// <param name="Channel">The channel's id (<c>msteams</c>, <c>directline</c> ...), kept for counts per channel; never who.</param>
public sealed record VoteRequest(string CampaignId, string PersonKey, string CauseId, string RequestId, string Channel = VoteRequest.UnknownChannel)
{
    /// <summary>The channel of a vote whose channel is not known (votes stored before votes kept theirs).</summary>
    public const string UnknownChannel = "unknown";
}

public enum VoteOutcome
{
    /// <summary>The person's first vote in this campaign.</summary>
    Recorded,

    /// <summary>The person moved their vote from another cause.</summary>
    Changed,

    /// <summary>The person voted again for the cause they already had.</summary>
    Unchanged,
}

public sealed record VoteResult(VoteOutcome Outcome, string CauseId, string? PreviousCauseId);

public sealed record VoteTally(IReadOnlyDictionary<string, int> VotesByCause)
{
    public int Total => VotesByCause.Values.Sum();

    public int VotesFor(string causeId) => VotesByCause.GetValueOrDefault(causeId);

    /// <summary>Whole-number percentage of all votes; 0 when nobody has voted yet.</summary>
    public int PercentFor(string causeId) =>
        Total == 0 ? 0 : (int)Math.Round(100.0 * VotesFor(causeId) / Total, MidpointRounding.AwayFromZero);
}
