namespace PledgeBot.Storage;

/// <summary>When a pledge may queue another confirmation email, and how long a sender's claim lasts: the same on every database.</summary>
public static class ConfirmationEmailRules
{
    /// <summary>A repeat signature may ask for a fresh email at most this often per pledge...</summary>
    public static readonly TimeSpan ResendInterval = TimeSpan.FromMinutes(15);

    /// <summary>...and a pledge gets at most this many emails in all: typing someone else's address again and again must not flood their inbox.</summary>
    public const int MaxEmailsPerPledge = 5;

    /// <summary>
    /// How long a claimed email stays with its sender. Longer than a sender needs for a whole
    /// batch even when the mail server lets every connection time out (20 emails of 30 seconds),
    /// so only a sender that stopped midway loses its claim, and the email goes out a little later
    /// from whichever instance looks next.
    /// </summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(15);

    /// <param name="queued">How many emails the pledge has had queued so far.</param>
    /// <param name="lastQueuedAt">When the latest of them was queued; null when none was.</param>
    public static bool MayQueueAnother(int queued, DateTimeOffset? lastQueuedAt, DateTimeOffset now) =>
        queued < MaxEmailsPerPledge && !(lastQueuedAt is { } latest && now - latest < ResendInterval);
}
