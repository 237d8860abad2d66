namespace PledgeBot.Storage;

/// <summary>
/// How well each supporter's share links work: counters per referral code and cause, and nothing
/// else. No person key, no address, no time of any single visit: a row says "this code brought
/// this many visits, votes and pledges for this cause", never who.
/// </summary>
/// <remarks>
/// Callers pass codes already checked with <c>PersonKeyHasher.IsWellFormedReferralCode</c> and
/// cause ids from the campaign content; the store counts what it is given.
/// </remarks>
public interface IReferralStore
{
    /// <summary>Counts one visit of a share link (the share page, or the chat page it leads to).</summary>
    Task RecordVisitAsync(string campaignId, string code, string causeId, CancellationToken cancellationToken = default);

    /// <summary>Counts one vote or pledge made in a conversation that a share link started.</summary>
    Task RecordConversionAsync(string campaignId, string code, string causeId, ReferralConversion kind, CancellationToken cancellationToken = default);

    /// <summary>Every (code, cause) of the campaign with its counters, ordered by code then cause.</summary>
    Task<IReadOnlyList<ReferralCounts>> GetCountsAsync(string campaignId, CancellationToken cancellationToken = default);
}

public enum ReferralConversion
{
    Vote,
    Pledge,
}

public sealed record ReferralCounts(string Code, string CauseId, long Visits, long Votes, long Pledges);
