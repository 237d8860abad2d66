namespace PledgeBot.Storage;

/// <summary>
/// How well each supporter's share links work. Three things are kept:
/// <list type="bullet">
/// <item>the codes the bot has handed out (code and the day it was first issued), so that only
/// those are ever counted: a code nobody was given stores nothing;</item>
/// <item>counters per code and cause: visits, votes, pledges, and the day the row last changed,
/// never who or when exactly;</item>
/// <item>which person has already been counted for a code, per kind (their keyed person hash), so
/// that one person counts once per code however many chats they open. This is the one place a
/// person is linked to a code; <see cref="ForgetPersonAsync"/> removes it.</item>
/// </list>
/// </summary>
/// <remarks>
/// Callers pass codes already checked with <c>PersonKeyHasher.IsWellFormedReferralCode</c> and
/// cause ids from the campaign content.
/// </remarks>
public interface IReferralStore
{
    /// <summary>Notes that <paramref name="code"/> was handed out (in a share card); repeating it changes nothing.</summary>
    Task RecordIssuedCodeAsync(string campaignId, string code, CancellationToken cancellationToken = default);

    /// <summary>Counts one visit of a share link. False, and nothing stored, when the code was never issued.</summary>
    Task<bool> RecordVisitAsync(string campaignId, string code, string causeId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Counts a vote or pledge that a share link brought, once per person, code and kind: true when
    /// this call counted it; false when the person was counted for this code and kind before, or
    /// the code was never issued.
    /// </summary>
    Task<bool> RecordConversionAsync(
        string campaignId, string code, string causeId, ReferralConversion kind, string personKey, CancellationToken cancellationToken = default);

    /// <summary>Every (code, cause) of the campaign with its counters, ordered by code then cause.</summary>
    Task<IReadOnlyList<ReferralCounts>> GetCountsAsync(string campaignId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Erasure: deletes the record of which codes <paramref name="personKey"/> was counted for, in
    /// every campaign. The counters stay as they are: they say how many, never who.
    /// </summary>
    Task ForgetPersonAsync(string personKey, CancellationToken cancellationToken = default);
}

public enum ReferralConversion
{
    Vote,
    Pledge,
}

public sealed record ReferralCounts(string Code, string CauseId, long Visits, long Votes, long Pledges);
