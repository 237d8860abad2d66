using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PledgeBot.Telemetry;

/// <summary>
/// The bot's own instruments, on the meter "PledgeBot". Tags are closed sets (a known channel, a
/// turn kind, an outcome, a pledge id or CRM name from configuration, an exception type): never an
/// id, a name, an email or anything a person typed. Votes carry no cause, so the metrics cannot
/// reveal tallies that an admin hides until voting closes.
/// </summary>
public sealed class BotMetrics
{
    public const string MeterName = "PledgeBot";

    // Seconds: most turns take milliseconds; a turn that waits for a busy database or a slow channel takes seconds.
    private static readonly double[] TurnDurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Counter<long> turns;
    private readonly Histogram<double> turnDuration;
    private readonly Counter<long> votes;
    private readonly Counter<long> pledges;
    private readonly Counter<long> rateLimitRefusals;
    private readonly Counter<long> errors;
    private readonly Counter<long> followUps;

    public BotMetrics(IMeterFactory meters)
    {
        // From the host's factory, not a static Meter: each host (and each test's host) has its own.
        Meter = meters.Create(MeterName);
        turns = Meter.CreateCounter<long>("pledgebot.turns", "{turn}", "Turns the bot took, by channel, kind and outcome.");
        turnDuration = Meter.CreateHistogram(
            "pledgebot.turn.duration", "s", "How long a turn took, from the activity reaching the bot to its last reply sent.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = TurnDurationBuckets });
        votes = Meter.CreateCounter<long>("pledgebot.votes", "{vote}", "Votes stored, by channel and whether the person's vote is new, changed or unchanged.");
        pledges = Meter.CreateCounter<long>("pledgebot.pledges", "{pledge}", "Pledge signatures stored, by pledge and channel (a repeat signature by the same email included).");
        rateLimitRefusals = Meter.CreateCounter<long>("pledgebot.rate_limit.refusals", "{request}", "Requests refused with 429, by the limit that refused them.");
        errors = Meter.CreateCounter<long>("pledgebot.errors", "{error}", "Turns that failed, by exception type and channel.");
        followUps = Meter.CreateCounter<long>("pledgebot.follow_ups", "{message}", "Follow-up deliveries, by route (teams, email) and outcome (sent, failed, blocked, skipped, retry).");
    }

    public Meter Meter { get; }

    public void TurnEnded(string channel, string kind, string outcome, TimeSpan elapsed)
    {
        var tags = new TagList { { "channel", channel }, { "kind", kind } };
        turnDuration.Record(elapsed.TotalSeconds, tags);
        tags.Add("outcome", outcome);
        turns.Add(1, tags);
    }

    public void TurnFailed(string channel, Exception exception) =>
        errors.Add(1, new TagList { { "error.type", exception.GetType().FullName }, { "channel", channel } });

    public void VoteStored(string channel, string change) =>
        votes.Add(1, new TagList { { "channel", channel }, { "change", change } });

    public void PledgeStored(string pledgeId, string channel) =>
        pledges.Add(1, new TagList { { "pledge", pledgeId }, { "channel", channel } });

    public void FollowUpDelivered(string route, string outcome) =>
        followUps.Add(1, new TagList { { "route", route }, { "outcome", outcome } });

    public void RateLimitRefused(string limit) =>
        rateLimitRefusals.Add(1, new KeyValuePair<string, object?>("limit", limit));
}
