namespace PledgeBot.FollowUps;

/// <summary>How follow-ups are sent (section <c>FollowUps</c>).</summary>
public sealed class FollowUpOptions
{
    public const string Section = "FollowUps";

    /// <summary>
    /// Messages of one lane (one Teams tenant, or email) on their way at once. The tenant's pace
    /// (Outbound:RequestsPerSecondPerTenant) decides the speed; this only has to be enough to keep
    /// that pace full while each message waits for Teams' answer, and bounds the memory a lane holds.
    /// </summary>
    public int InFlightPerLane { get; set; } = 100;

    /// <summary>Emails handed to the mail server at once: a mail server takes a few connections from one sender, not a hundred.</summary>
    public int EmailsInFlight { get; set; } = 4;

    /// <summary>
    /// How long a claimed delivery is this instance's before another may send it: the time a
    /// crashed instance's recipients wait. Longer than a claim takes to send at the slowest pace.
    /// </summary>
    public int ClaimLeaseSeconds { get; set; } = 120;

    /// <summary>Attempts before a delivery Teams or the mail server keeps putting off is recorded as failed.</summary>
    public int MaxAttempts { get; set; } = 8;
}
