namespace PledgeBot.Storage;

/// <summary>
/// The queue of confirmation emails (double opt-in) as the sender and the confirmation link use
/// it. A pledge queues its email in its own transaction (<see cref="IPledgeStore"/>); the queue
/// holds no name or email, only the pledge's record id. Several instances may send from one
/// queue: an email is claimed by one sender before it is sent, so no two send it.
/// </summary>
public interface IConfirmationEmailQueue
{
    /// <summary>
    /// Claims up to <paramref name="limit"/> emails due now (unsent, not given up, next attempt
    /// reached) whose pledge still waits for confirmation, oldest first, with the first name and
    /// email decrypted. A claimed email is not due again for anyone until
    /// <see cref="ConfirmationEmailRules.ClaimLease"/> has passed, unless it is marked failed with
    /// an earlier retry: so it is sent once, and again only when its sender stopped before saying
    /// how the attempt went. A row whose name or email cannot be decrypted (its key is gone) is
    /// given up on here, since no retry can help it.
    /// </summary>
    Task<IReadOnlyList<DueConfirmationEmail>> ClaimDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default);

    /// <summary>When the next unsent email is due, or null when none waits.</summary>
    Task<DateTimeOffset?> NextDueAtAsync(CancellationToken cancellationToken = default);

    Task MarkSentAsync(string tokenId, DateTimeOffset sentAt, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);

    /// <param name="error">What went wrong, as a type name: never a message, which may quote an address.</param>
    /// <param name="nextAttemptAt">When to try again; null to give up.</param>
    Task MarkFailedAsync(string tokenId, string error, DateTimeOffset now, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Opens a link: confirms its pledge (once; the link is marked used, and sent) and drops the
    /// pledge's other unsent emails, which have nothing left to ask.
    /// </summary>
    Task<ConfirmationOutcome> ConfirmAsync(string tokenId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Whether a link's pledge still exists and is confirmed, without changing anything (for an expired link).</summary>
    Task<ConfirmationOutcome?> FindAsync(string tokenId, CancellationToken cancellationToken = default);
}
