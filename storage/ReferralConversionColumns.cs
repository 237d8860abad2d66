namespace PledgeBot.Storage;

/// <summary>Where a referral conversion is kept, on every database: its kind in <c>referral_conversions</c> and its counter column in <c>referral_counts</c>.</summary>
public static class ReferralConversionColumns
{
    public static (string KindName, string CounterColumn) Of(ReferralConversion kind) => kind switch
    {
        ReferralConversion.Vote => ("vote", "votes"),
        ReferralConversion.Pledge => ("pledge", "pledges"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown referral conversion."),
    };
}
