using System.ComponentModel.DataAnnotations;

namespace PledgeBot.PledgeConfirmation;

public sealed class PledgeConfirmationOptions
{
    public const string Section = "Pledges";

    /// <summary>Double opt-in: each new pledge gets an email with a link that confirms it.</summary>
    public bool DoubleOptIn { get; set; } = true;

    /// <summary>How long a confirmation link works after its email was sent.</summary>
    [Range(1, 90)]
    public int ConfirmationLinkDays { get; set; } = 7;
}
