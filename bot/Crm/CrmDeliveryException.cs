namespace PledgeBot.Crm;

/// <summary>A delivery the CRM refused or could not be reached for.</summary>
/// <param name="status">The CRM's answer, or null when none came.</param>
/// <param name="reason">In words of ours or a status's standard name: never the CRM's own text, which may quote an address.</param>
/// <param name="retryAfter">How long the CRM asked us to wait, if it did.</param>
/// <param name="permanent">Trying again would only be refused again (a 400 for this person, say): dead-lettered at once.</param>
public sealed class CrmDeliveryException(int? status, string reason, TimeSpan? retryAfter = null, bool permanent = false, Exception? inner = null)
    : Exception(reason, inner)
{
    public int? Status { get; } = status;

    public string Reason { get; } = reason;

    public TimeSpan? RetryAfter { get; } = retryAfter;

    public bool Permanent { get; } = permanent;
}
