using System.Globalization;
using PledgeBot.Storage;

namespace PledgeBot.Crm;

/// <summary>One configured CRM's deliveries as admins see them: counts by state and the last error, never a person or a secret.</summary>
/// <param name="Name">The destination's fixed name (<c>webhook</c>, <c>mailchimp</c>, <c>action-network</c>), as in the retry address.</param>
/// <param name="Failing">Pending deliveries that have failed at least once.</param>
/// <param name="LastError">The last failure of a delivery still pending or dead-lettered; null when none has failed.</param>
public sealed record CrmDestinationStatus(
    string Name, string Label, long Delivered, long Skipped, long Pending, long Failing, long Dead, CrmDeliveryError? LastError);

/// <summary>
/// Where the CRM deliveries stand, for the admin page, its JSON and the <c>crm</c> command, and
/// the retry of dead letters they offer. A retry makes a CRM's dead-lettered deliveries pending
/// again with a fresh count of attempts, leaves an audit line and wakes the dispatcher (in this
/// process; a dispatcher in another process finds them at its next look, within seconds).
/// </summary>
public sealed class CrmDeliveryStatus(
    ICrmDeliveries deliveries, CrmDestinations configured, CrmOutboxSignal outboxSignal, IAdminAuditLog audit, TimeProvider clock)
{
    /// <summary>The settings that turn each CRM on, for the pages that say none is configured.</summary>
    public static readonly IReadOnlyList<string> EnablingSettings = ["Crm:Webhook:Url", "Crm:Mailchimp:ApiKey", "Crm:ActionNetwork:ApiKey"];

    public IReadOnlyList<string> ConfiguredNames => configured.All.Select(d => d.Name).ToList();

    /// <summary>Every configured CRM, in the order configuration lists them.</summary>
    public async Task<IReadOnlyList<CrmDestinationStatus>> ReadAsync(CancellationToken cancellationToken = default)
    {
        var statuses = new List<CrmDestinationStatus>();
        foreach (var destination in configured.All)
        {
            var counts = await deliveries.CountAsync(destination.Name, cancellationToken);
            statuses.Add(new CrmDestinationStatus(
                destination.Name, destination.Label, counts.Delivered, counts.Skipped, counts.Pending, counts.Failing, counts.Dead, counts.LastError));
        }

        return statuses;
    }

    /// <summary>True when <paramref name="name"/> is a CRM configured here (not merely one this bot knows).</summary>
    public bool IsConfigured(string name) => configured.Find(name) is not null;

    /// <summary>Retries the dead letters of a configured CRM and records who did it; the number retried.</summary>
    /// <param name="who">As the audit log names them: the admin's name, or "command line".</param>
    public async Task<int> RetryDeadAsync(string name, string who, CancellationToken cancellationToken = default)
    {
        var destination = configured.Find(name) ?? throw new ArgumentException($"CRM '{name}' is not configured.", nameof(name));
        var retried = await deliveries.RetryDeadAsync(destination.Name, clock.GetUtcNow(), cancellationToken);
        await audit.RecordAsync(who, $"retried {Count(retried, "dead CRM delivery", "dead CRM deliveries")} to {destination.Name}", cancellationToken);
        // The dispatcher's next pass gives every destination's loop a nudge, so this one reads its due deliveries now.
        outboxSignal.Pulse();
        return retried;
    }

    /// <summary>
    /// What a retry did, as the page and the command say it: "Retried 3 dead-lettered deliveries to
    /// Mailchimp", or that there were none; <paramref name="then"/> says what happens next.
    /// </summary>
    public string DescribeRetry(string name, int count, string then)
    {
        var label = configured.Find(name)?.Label ?? name;
        return count == 0
            ? $"{label} had no dead-lettered deliveries to retry."
            : $"Retried {Count(count, "dead-lettered delivery", "dead-lettered deliveries")} to {label}: {then}.";
    }

    /// <summary>"HTTP 400: Bad Request" or "no answer (timed out)": the status and reason only, which never hold personal data.</summary>
    public static string DescribeError(CrmDeliveryError error) =>
        error.Status is { } status
            ? string.Create(CultureInfo.InvariantCulture, $"HTTP {status}: {error.Reason}")
            : $"no answer ({error.Reason})";

    /// <summary>A moment as admins read it, in UTC to the second.</summary>
    public static string Moment(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public static string Count(long count, string one, string many) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? one : many)}");
}
