using PledgeBot.Storage;

namespace PledgeBot.Crm;

/// <summary>
/// One CRM the outbox delivers to. The dispatcher decides what is due, in which order, how many at
/// once and when to try again; a destination only turns one record into that CRM's calls.
/// </summary>
public interface ICrmDestination
{
    /// <summary>Stored with each delivery and shown to admins: a fixed name of ours, never configuration.</summary>
    string Name { get; }

    /// <summary>How admins read the name, on the admin page and in the command's output.</summary>
    string Label { get; }

    /// <summary>At most this many deliveries to this CRM at once.</summary>
    int MaxInFlight { get; }

    /// <summary>
    /// Delivers one record. Every call made carries an idempotency key derived from the record (or
    /// addresses the person by a key the CRM matches on), so a retry after an unknown outcome never
    /// creates a second supporter.
    /// </summary>
    /// <exception cref="CrmDeliveryException">The CRM refused it or could not be reached.</exception>
    Task<CrmDeliveryResult> DeliverAsync(DueCrmDelivery delivery, CrmSupporter supporter, CancellationToken cancellationToken);
}

/// <summary>What a delivery did: the CRM took it (with its 2xx status), or there was nothing this CRM needs to hear.</summary>
public sealed record CrmDeliveryResult(int? Status, string? SkippedBecause)
{
    public static CrmDeliveryResult Delivered(int status) => new(status, null);

    /// <param name="reason">A few words of ours, shown to admins.</param>
    public static CrmDeliveryResult Skipped(string reason) => new(null, reason);
}
