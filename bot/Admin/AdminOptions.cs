namespace PledgeBot.Admin;

public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>
    /// The admin key: signs a campaign manager in on the sign-in page, and is the bearer token of
    /// the JSON and CSV endpoints. Empty: no sign-in with a key.
    /// </summary>
    public string? Key { get; set; }

    /// <summary>Sign-in through the organisation's identity provider; off while its authority is empty.</summary>
    public AdminOpenIdConnectOptions Oidc { get; set; } = new();

    /// <summary>
    /// Dashboard segments (votes per channel, a referral code's votes and pledges per cause) with
    /// fewer people than this are shown as "fewer than" this number, so that nobody's choice can be singled out.
    /// </summary>
    public int SmallSegmentThreshold { get; set; } = 10;

    public bool HasKey => !string.IsNullOrEmpty(Key);

    /// <summary>The admin area is on when there is a way to sign in: a key, an identity provider, or both.</summary>
    public bool IsOn => HasKey || Oidc.IsConfigured;
}
