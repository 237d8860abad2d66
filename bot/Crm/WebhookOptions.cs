using System.ComponentModel.DataAnnotations;

namespace PledgeBot.Crm;

/// <summary>The signed webhook destination (<c>Crm:Webhook</c>): enabled when <see cref="Url"/> is set.</summary>
public sealed class WebhookOptions
{
    public string? Url { get; set; }

    /// <summary>The signing secret, <c>whsec_</c> and the base64 of 24 to 64 random bytes, as Standard Webhooks write it.</summary>
    public string? Secret { get; set; }

    /// <summary>
    /// The secret before the last change, while receivers move to the new one: each delivery is
    /// signed with both, the current secret's signature first.
    /// </summary>
    public string? PreviousSecret { get; set; }

    [Range(1, 64)]
    public int MaxInFlight { get; set; } = 8;

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Url);
}
