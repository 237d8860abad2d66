using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace PledgeBot.Bench.LoadTool;

/// <summary>
/// The host's managed allocations, read as dotnet-counters reads them: an EventPipe session on the
/// runtime's System.Runtime counters. Its alloc-rate counter reports, every interval, how many
/// bytes the process allocated since the last report (GC.GetTotalAllocatedBytes), so their sum is
/// the bytes allocated. A window is measured from one report to a later one: the tool waits for the
/// next report before and after the load, so the bytes counted are the load's plus whatever the idle
/// host allocates in under one interval on each side.
/// </summary>
public sealed class RuntimeCounters : IAsyncDisposable
{
    private readonly EventPipeSession session;
    private readonly EventPipeEventSource source;
    private readonly Task processing;
    private readonly Lock gate = new();
    private long allocatedBytes;
    private TaskCompletionSource<long> nextReport = NewReport();

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

    /// <summary>The bytes allocated so far, as of the next report (at most one interval away).</summary>
    public async Task<long> NextAllocatedBytesAsync(CancellationToken cancellationToken)
    {
        Task<long> report;
        lock (gate)
        {
            report = nextReport.Task;
        }

        return await report.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
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

        TaskCompletionSource<long> reported;
        lock (gate)
        {
            allocatedBytes += (long)Convert.ToDouble(payload["Increment"], System.Globalization.CultureInfo.InvariantCulture);
            reported = nextReport;
            nextReport = NewReport();
        }

        reported.TrySetResult(allocatedBytes);
    }

    private static TaskCompletionSource<long> NewReport() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
