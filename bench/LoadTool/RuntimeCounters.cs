using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace PledgeBot.Bench.LoadTool;

/// <summary>
/// The host's managed allocations, read as dotnet-counters reads them: an EventPipe session on the
/// runtime's System.Runtime counters. Its alloc-rate counter reports, every interval, how many
/// bytes the process allocated since the last report (GC.GetTotalAllocatedBytes), so their sum is
/// the bytes allocated. A window is measured from one report to a later one: the first report made
/// after the load was about to start, and the first made after it ended, so the bytes counted are the
/// load's plus whatever the idle host allocates in under one interval on each side. Reports are
/// matched by the time the host made them, not by when they arrive: EventPipe hands them over in
/// batches, late, and a report that arrives after the load may describe a moment before it.
/// </summary>
public sealed class RuntimeCounters : IAsyncDisposable
{
    private readonly EventPipeSession session;
    private readonly EventPipeEventSource source;
    private readonly Task processing;
    private readonly Lock gate = new();
    private readonly Queue<(DateTime MadeAt, long Total)> reports = new();
    private long allocatedBytes;

    private RuntimeCounters(EventPipeSession session)
    {
        this.session = session;
        source = new EventPipeEventSource(session.EventStream);
        source.Dynamic.All += OnEvent;
        processing = Task.Run(() => source.Process());
    }

    public static RuntimeCounters Start(int processId, TimeSpan interval)
    {
        var client = new DiagnosticsClient(processId);
        var provider = new EventPipeProvider(
            "System.Runtime",
            EventLevel.Informational,
            keywords: 0,
            arguments: new Dictionary<string, string> { ["EventCounterIntervalSec"] = interval.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return new RuntimeCounters(client.StartEventPipeSession([provider], requestRundown: false));
    }

    /// <summary>The bytes allocated as of the first report the host made after <paramref name="moment"/> (UTC; at most one interval later).</summary>
    public async Task<long> AllocatedBytesAfterAsync(DateTime moment, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            lock (gate)
            {
                foreach (var (madeAt, total) in reports)
                {
                    if (madeAt >= moment)
                    {
                        return total;
                    }
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The host's runtime counters made no report within 10 s.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            session.Stop();
        }
        catch (Exception e) when (e is ServerNotAvailableException or EndOfStreamException or IOException)
        {
            // The host has already gone: the session ended with it.
        }

        await processing.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        session.Dispose();
        source.Dispose();
    }

    private void OnEvent(TraceEvent traceEvent)
    {
        if (traceEvent.EventName != "EventCounters"
            || traceEvent.PayloadValue(0) is not IDictionary<string, object> outer
            || outer["Payload"] is not IDictionary<string, object> payload
            || payload["Name"] as string != "alloc-rate")
        {
            return;
        }

        lock (gate)
        {
            allocatedBytes += (long)Convert.ToDouble(payload["Increment"], System.Globalization.CultureInfo.InvariantCulture);
            reports.Enqueue((traceEvent.TimeStamp.ToUniversalTime(), allocatedBytes));
            // A window looks back at most a few reports: keep a minute's worth at the fastest interval.
            while (reports.Count > 600)
            {
                reports.Dequeue();
            }
        }
    }
}
