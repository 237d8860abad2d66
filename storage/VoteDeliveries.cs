namespace PledgeBot.Storage;

/// <summary>
/// The rules every vote store follows for the deliveries it remembers (for de-duplication) and for
/// what a vote does to the one before it, so that each database's store differs only in its SQL.
/// </summary>
public sealed class VoteDeliveries
{
    /// <summary>Channels retry within minutes; a delivery id older than this will not come again.</summary>
    public static readonly TimeSpan RememberFor = TimeSpan.FromDays(2);

    private static readonly TimeSpan ForgetEvery = TimeSpan.FromMinutes(1);

    private long lastForgottenTicks = DateTimeOffset.MinValue.UtcTicks;

    /// <summary>
    /// Whether old deliveries are to be deleted now: at most once a minute, not with every vote. The
    /// rows are kept for days, so a minute more changes nothing, and under load the delete's index
    /// scan would otherwise be paid by every vote. Deliveries received before <paramref name="cutoff"/> go.
    /// </summary>
    public bool IsForgettingDue(DateTimeOffset now, out DateTimeOffset cutoff)
    {
        cutoff = now - RememberFor;
        var last = Interlocked.Read(ref lastForgottenTicks);
        return now.UtcTicks - last >= ForgetEvery.Ticks
            && Interlocked.CompareExchange(ref lastForgottenTicks, now.UtcTicks, last) == last;
    }

    /// <summary>What a vote for <paramref name="causeId"/> is, given the person's vote before it (null: none).</summary>
    public static VoteResult Decide(string causeId, string? previousCauseId) => previousCauseId switch
    {
        null => new VoteResult(VoteOutcome.Recorded, causeId, null),
        _ when previousCauseId == causeId => new VoteResult(VoteOutcome.Unchanged, causeId, previousCauseId),
        _ => new VoteResult(VoteOutcome.Changed, causeId, previousCauseId),
    };

    /// <summary>The answer a delivery got, as its row in <c>vote_requests</c> keeps it.</summary>
    public static VoteResult Remembered(string outcome, string causeId, string? previousCauseId) =>
        new(Enum.Parse<VoteOutcome>(outcome), causeId, previousCauseId);
}
