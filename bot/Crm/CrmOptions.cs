using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace PledgeBot.Crm;

/// <summary>
/// The CRM outbox's delivery settings (section <c>Crm</c>), shared by every destination; each
/// destination is enabled by its own sub-section.
/// </summary>
public sealed class CrmOptions
{
    public const string Section = "Crm";

    /// <summary>A delivery is dead-lettered after this many failed attempts (an admin can retry it).</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 12;

    /// <summary>How long one call to a CRM may take before it counts as failed.</summary>
    [Range(1, 300)]
    public int CallTimeoutSeconds { get; set; } = 15;

    [ValidateObjectMembers]
    public WebhookOptions Webhook { get; set; } = new();

    public MailchimpOptions Mailchimp { get; set; } = new();

    [ValidateObjectMembers]
    public ActionNetworkOptions ActionNetwork { get; set; } = new();
}
