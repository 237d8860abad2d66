using System.ComponentModel.DataAnnotations;

namespace PledgeBot.Retention;

/// <summary>How long personal data is kept; in the Privacy section with the other privacy settings.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Privacy";

    /// <summary>Months after the campaign's end date (endsOn) that pledges' personal data is kept.</summary>
    [Range(1, 1200, ErrorMessage = "Privacy:RetentionMonths must be a whole number of months from 1 to 1200.")]
    public int RetentionMonths { get; set; } = 24;
}
