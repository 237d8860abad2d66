namespace PledgeBot.Storage;

/// <summary>
/// The durable queue of follow-ups: each update (automatic when voting closes or a goal is reached,
/// or written by a campaign manager) and, once it is due, one delivery per person then subscribed
/// in its audience, keyed by update and person so nobody is queued twice. Deliveries are worked
/// lane by lane (a Teams tenant, or email), claimed for a while so that a crashed sender's claims
/// come back, and each ends with its outcome: sent, failed (with a short reason), blocked (the
/// person is unreachable from then on) or skipped (no longer opted in).
/// </summary>
public interface IFollowUpQueue
{
    /// <summary>Adds an update; an update with a <see cref="FollowUpUpdate.OnceKey"/> already added is not added again (false).</summary>
    Task<bool> AddAsync(FollowUpUpdate update, CancellationToken cancellationToken = default);

    /// <summary>Queues every update due by <paramref name="now"/>: one delivery per person subscribed then in its audience. Returns how many deliveries were queued.</summary>
    Task<int> QueueDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>The lanes with deliveries due by <paramref name="now"/>.</summary>
    Task<IReadOnlyList<string>> DueLanesAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Claims up to <paramref name="limit"/> deliveries of <paramref name="lane"/> due by <paramref name="now"/>, until <paramref name="now"/> plus <paramref name="lease"/>.</summary>
    Task<IReadOnlyList<DueFollowUp>> ClaimAsync(string lane, DateTimeOffset now, int limit, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Records how a delivery went; a blocked person is marked unreachable and never tried again.</summary>
    Task RecordAsync(string updateId, string personKey, FollowUpOutcome outcome, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Each of the campaign's updates with its deliveries counted by status, newest first.</summary>
    Task<IReadOnlyList<FollowUpProgress>> ProgressAsync(string campaignId, CancellationToken cancellationToken = default);

    /// <summary>Per update of the campaign still being sent, how many of its deliveries ended since <paramref name="since"/>: the recent rate, for the expected time to finish.</summary>
    Task<IReadOnlyDictionary<string, int>> FinishedSinceAsync(string campaignId, DateTimeOffset since, CancellationToken cancellationToken = default);

    /// <summary>Cancels an update not yet queued, so that it is never sent; false when it is unknown, already queued or already cancelled.</summary>
    Task<bool> CancelAsync(string campaignId, string updateId, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>How many people are subscribed now in <paramref name="audience"/>: whom an update would reach if it were sent now.</summary>
    Task<int> CountAudienceAsync(string campaignId, FollowUpAudience audience, CancellationToken cancellationToken = default);
}

public enum FollowUpKind
{
    VotingClosed,
    VoteGoal,
    PledgeGoal,
    Manual,
}

/// <summary>Who an update goes to, among the people subscribed: everyone, the voters for a cause, the pledgers of a pledge, or those reached by one route.</summary>
/// <param name="Value">The cause id, the pledge id or the route name; null for everyone.</param>
public sealed record FollowUpAudience(FollowUpAudienceKind Kind, string? Value = null)
{
    public static FollowUpAudience Everyone { get; } = new(FollowUpAudienceKind.Everyone);

    /// <summary>As stored: <c>all</c>, <c>voters:&lt;cause&gt;</c>, <c>pledgers:&lt;pledge&gt;</c>, <c>route:teams</c>.</summary>
    public string Stored => Kind switch
    {
        FollowUpAudienceKind.VotersFor => $"voters:{Value}",
        FollowUpAudienceKind.PledgersOf => $"pledgers:{Value}",
        FollowUpAudienceKind.Route => $"route:{Value}",
        _ => "all",
    };

    public static FollowUpAudience Parse(string stored) => stored.Split(':', 2) switch
    {
        ["voters", var cause] => new(FollowUpAudienceKind.VotersFor, cause),
        ["pledgers", var pledge] => new(FollowUpAudienceKind.PledgersOf, pledge),
        ["route", var route] => new(FollowUpAudienceKind.Route, route),
        _ => Everyone,
    };
}

public enum FollowUpAudienceKind
{
    Everyone,
    VotersFor,
    PledgersOf,
    Route,
}

/// <param name="OnceKey">For an automatic update, what makes it happen once (such as <c>vote-goal:1000</c>); null for a manual one.</param>
/// <param name="Message">A manual update's words per language, as JSON; for an automatic one, which the bot words itself, what it was about (the pledge and goal reached), or null.</param>
public sealed record FollowUpUpdate(
    string UpdateId,
    string CampaignId,
    FollowUpKind Kind,
    string? OnceKey,
    FollowUpAudience Audience,
    string? Message,
    DateTimeOffset CreatedAt,
    DateTimeOffset SendAt);

/// <summary>A claimed delivery with what it takes to send it, decrypted now.</summary>
/// <param name="StillSubscribed">False when the person stopped (or was found unreachable) since the update was queued: the delivery is skipped.</param>
/// <param name="ConversationReference">The Teams personal chat's conversation reference (JSON), for the Teams route.</param>
/// <param name="Email">The pledge's address, for the email route; null when it cannot be read.</param>
/// <param name="EmailConfirmed">Whether that address was confirmed by its link.</param>
public sealed record DueFollowUp(
    string UpdateId,
    string CampaignId,
    FollowUpKind Kind,
    string? Message,
    string PersonKey,
    bool StillSubscribed,
    FollowUpRoute? Route,
    string Language,
    string? ConversationReference,
    string? FirstName,
    string? Email,
    bool EmailConfirmed,
    int Attempts);

public enum FollowUpDeliveryStatus
{
    Pending,
    Sent,
    Failed,
    Blocked,
    Skipped,
}

/// <param name="Reason">A short fixed reason ("http 400", "no longer opted in"): never a response body or anything a person wrote.</param>
/// <param name="RetryAt">For <see cref="FollowUpDeliveryStatus.Pending"/>: when to try again.</param>
public sealed record FollowUpOutcome(FollowUpDeliveryStatus Status, string? Reason = null, DateTimeOffset? RetryAt = null)
{
    public static FollowUpOutcome Sent { get; } = new(FollowUpDeliveryStatus.Sent);
}

/// <param name="CancelledAt">When an admin cancelled the update before it was queued; it is never sent.</param>
/// <param name="Message">A manual update's words per language (JSON), as added.</param>
public sealed record FollowUpProgress(
    string UpdateId,
    FollowUpKind Kind,
    FollowUpAudience Audience,
    DateTimeOffset SendAt,
    DateTimeOffset? QueuedAt,
    int Pending,
    int Sent,
    int Failed,
    int Blocked,
    int Skipped,
    DateTimeOffset? CancelledAt = null,
    string? Message = null)
{
    public int Total => Pending + Sent + Failed + Blocked + Skipped;
}

/// <summary>The names the stores write for the queue's kinds and statuses.</summary>
public static class FollowUpQueueNames
{
    public static string Of(FollowUpKind kind) => kind switch
    {
        FollowUpKind.VotingClosed => "voting-closed",
        FollowUpKind.VoteGoal => "vote-goal",
        FollowUpKind.PledgeGoal => "pledge-goal",
        _ => "manual",
    };

    public static FollowUpKind KindOf(string stored) => stored switch
    {
        "voting-closed" => FollowUpKind.VotingClosed,
        "vote-goal" => FollowUpKind.VoteGoal,
        "pledge-goal" => FollowUpKind.PledgeGoal,
        _ => FollowUpKind.Manual,
    };

    public static string Of(FollowUpDeliveryStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>The lane of a subscription: <c>teams:&lt;tenant&gt;</c> or <c>email</c>.</summary>
    public static string LaneOf(FollowUpRoute route, string? tenantId) => route == FollowUpRoute.Teams ? $"teams:{tenantId}" : "email";
}
