namespace PledgeBot.Storage;

/// <summary>
/// Each CRM outbox record's delivery to each configured CRM: pending until delivered, skipped or
/// given up (dead), with its attempts, the next one's time and the last error's status and reason.
/// One pledge's records reach a CRM in the order they were written, whatever failed in between.
/// </summary>
public interface ICrmDeliveries
{
    /// <summary>
    /// Gives every outbox record after <paramref name="afterRow"/> a pending delivery to each of
    /// <paramref name="destinations"/>, and clears the email of every erasure no configured CRM
    /// still needs.
    /// </summary>
    /// <returns>The last outbox row seen, for the next call.</returns>
    Task<long> PrepareAsync(IReadOnlyList<string> destinations, long afterRow, CancellationToken cancellationToken = default);

    /// <summary>
    /// Up to <paramref name="limit"/> pending deliveries to <paramref name="destination"/> due at
    /// <paramref name="now"/>, of each pledge only the earliest pending one.
    /// </summary>
    Task<IReadOnlyList<DueCrmDelivery>> ReadDueAsync(string destination, DateTimeOffset now, int limit, CancellationToken cancellationToken = default);

    /// <summary>When the next pending delivery to any of <paramref name="destinations"/> that <see cref="ReadDueAsync"/> would return is due, or null when none waits.</summary>
    Task<DateTimeOffset?> NextDueAtAsync(IReadOnlyList<string> destinations, CancellationToken cancellationToken = default);

    /// <param name="status">The CRM's answer (a 2xx).</param>
    Task MarkDeliveredAsync(DueCrmDelivery delivery, int status, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <param name="reason">Why nothing was sent, in a few words of ours (never the CRM's text, never personal data).</param>
    Task MarkSkippedAsync(DueCrmDelivery delivery, string reason, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Records a failed attempt: pending again at <paramref name="nextAttemptAt"/>, or dead-lettered when it is null.</summary>
    /// <param name="status">The CRM's answer, or null when none came.</param>
    /// <param name="reason">What went wrong, in words of ours or a status's standard name: never a CRM's text, which may quote an address.</param>
    Task MarkFailedAsync(DueCrmDelivery delivery, int? status, string reason, DateTimeOffset now, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken = default);

    /// <summary>Makes every dead-lettered delivery to <paramref name="destination"/> pending again, with a fresh count of attempts; returns how many.</summary>
    Task<int> RetryDeadAsync(string destination, DateTimeOffset now, CancellationToken cancellationToken = default);

    Task<CrmDeliveryCounts> CountAsync(string destination, CancellationToken cancellationToken = default);
}
