using System.Globalization;
using PledgeBot.Storage;

namespace PledgeBot.FollowUps;

/// <summary>When a delivery put off by its channel is tried again, and when it is given up.</summary>
public static class FollowUpRetry
{
    private static readonly TimeSpan FirstWait = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(30);

    /// <summary>
    /// After the <paramref name="attempt"/>th attempt was put off: pending again after the channel's
    /// Retry-After or a doubling wait (15 s, 30 s, 1 min … at most 30 min), whichever is longer;
    /// failed once <paramref name="maxAttempts"/> were made.
    /// </summary>
    public static FollowUpOutcome After(int attempt, int maxAttempts, string reason, TimeSpan? retryAfter, DateTimeOffset now)
    {
        if (attempt >= maxAttempts)
        {
            return new FollowUpOutcome(FollowUpDeliveryStatus.Failed, $"{reason}; gave up after {attempt.ToString(CultureInfo.InvariantCulture)} attempts");
        }

        var backoff = TimeSpan.FromTicks(Math.Min(LongestWait.Ticks, FirstWait.Ticks << Math.Min(attempt - 1, 16)));
        var wait = retryAfter is { } asked && asked > backoff ? asked : backoff;
        return new FollowUpOutcome(FollowUpDeliveryStatus.Pending, reason, now + wait);
    }
}
