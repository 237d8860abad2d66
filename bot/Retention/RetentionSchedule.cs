using Microsoft.Extensions.Options;
using PledgeBot.Dialogs.Content;

namespace PledgeBot.Retention;

/// <summary>
/// When a campaign's personal data stops being kept: the campaign ends at the end of its
/// <c>endsOn</c> day (UTC), and the data is kept for <see cref="RetentionOptions.RetentionMonths"/>
/// whole months after that day. A campaign without an end date keeps it until people ask.
/// </summary>
public sealed class RetentionSchedule(CurrentCampaign campaign, IOptions<RetentionOptions> options)
{
    public string CampaignId => campaign.Content.Id;

    public DateOnly? EndsOn => campaign.Content.EndsOn;

    public int RetentionMonths => options.Value.RetentionMonths;

    /// <summary>The first day (UTC) on which the personal data is no longer kept; null without an end date.</summary>
    public DateOnly? AppliesFrom => EndsOn?.AddMonths(RetentionMonths).AddDays(1);

    public bool IsDue(DateTimeOffset now) =>
        AppliesFrom is { } from && DateOnly.FromDateTime(now.UtcDateTime) >= from;
}
