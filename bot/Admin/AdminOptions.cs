namespace PledgeBot.Admin;

public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>
    /// The admin key: signs a campaign manager in on the sign-in page, and is the bearer token of
    /// the JSON and CSV endpoints. Empty: the admin area is off.
    /// </summary>
    public string? Key { get; set; }

    public bool IsOn => !string.IsNullOrEmpty(Key);
}
