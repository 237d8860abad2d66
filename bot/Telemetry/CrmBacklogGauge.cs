using System.Diagnostics.Metrics;
using PledgeBot.Crm;
using PledgeBot.Storage;

namespace PledgeBot.Telemetry;

/// <summary>
/// <c>pledgebot.crm.backlog</c>: deliveries waiting for each configured CRM (never tried, or due
/// again after a failure). A scrape must not query the database each time, and the gauge's callback
/// cannot wait for it: the counts are read in the background when the last reading is older than
/// <see cref="MaxAge"/>, and each observation reports the last reading (none before the first).
/// </summary>
public sealed class CrmBacklogGauge
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private readonly ICrmDeliveries deliveries;
    private readonly CrmDestinations destinations;
    private readonly TimeProvider clock;
    private readonly ILogger<CrmBacklogGauge> logger;
    private volatile Measurement<long>[] lastReading = [];
    private long readAt = long.MinValue;
    private int reading;

    public CrmBacklogGauge(BotMetrics metrics, ICrmDeliveries deliveries, CrmDestinations destinations, TimeProvider clock, ILogger<CrmBacklogGauge> logger)
    {
        this.deliveries = deliveries;
        this.destinations = destinations;
        this.clock = clock;
        this.logger = logger;
        metrics.Meter.CreateObservableGauge("pledgebot.crm.backlog", Observe, "{delivery}", "CRM deliveries not yet made (pending, including those due again after a failure), per CRM.");
    }

    private IEnumerable<Measurement<long>> Observe()
    {
        var stale = Interlocked.Read(ref readAt) == long.MinValue || clock.GetElapsedTime(Interlocked.Read(ref readAt)) >= MaxAge;
        if (stale && destinations.All.Count > 0 && Interlocked.CompareExchange(ref reading, 1, 0) == 0)
        {
            _ = ReadAsync();
        }

        return lastReading;
    }

    private async Task ReadAsync()
    {
        try
        {
            var backlog = new Measurement<long>[destinations.All.Count];
            for (var i = 0; i < backlog.Length; i++)
            {
                var name = destinations.All[i].Name;
                var counts = await deliveries.CountAsync(name);
                backlog[i] = new Measurement<long>(counts.Pending, new KeyValuePair<string, object?>("destination", name));
            }

            lastReading = backlog;
        }
        catch (Exception problem)
        {
            // The last reading stays; a database that cannot be read shows in /healthz.
            logger.LogWarning("The CRM backlog could not be read for the metrics: {ExceptionType}", problem.GetType().FullName);
        }
        finally
        {
            Interlocked.Exchange(ref readAt, clock.GetTimestamp());
            Interlocked.Exchange(ref reading, 0);
        }
    }
}
