using System.Diagnostics;
using HdrHistogram;

namespace PledgeBot.Bench.LoadTool;

/// <summary>A host the tool sends load to, with what it can read of the host's process and database.</summary>
public sealed class MeasuredHost : IAsyncDisposable
{
    private readonly HostProcess? started;
    private readonly RuntimeCounters? counters;
    private readonly ProcessMeter? meter;
    private readonly DatabaseWrites? database;

    /// <param name="alsoAt">Further instances of the same bot: requests go to each in turn (<see cref="SpreadOverHosts"/>).</param>
    public MeasuredHost(Uri address, Process? process, string? databaseFile, TimeSpan counterInterval, HostProcess? started = null, IReadOnlyList<Uri>? alsoAt = null)
    {
        Address = address;
        this.started = started;
        if (process is not null)
        {
            meter = new ProcessMeter(process);
            counters = RuntimeCounters.Start(process.Id, counterInterval);
        }

        database = databaseFile is null ? null : new DatabaseWrites(databaseFile);
        var sockets = new SocketsHttpHandler
        {
            // Each Direct Line token without the bot's cookie is a new person, as the tool wants.
            UseCookies = false,
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        };
        Http = new HttpClient(alsoAt is { Count: > 0 } ? new SpreadOverHosts([address, .. alsoAt], sockets) : sockets)
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public Uri Address { get; }

    public HttpClient Http { get; }

    public DatabaseWrites? Database => database;

    public ProcessMeter? Meter => meter;

    public static async Task<MeasuredHost> StartAsync(string dll, TimeSpan counterInterval, CancellationToken cancellationToken)
    {
        var process = await HostProcess.StartAsync(dll, HostProcess.BenchmarkSettings, cancellationToken);
        return new MeasuredHost(process.Address, process.Process, process.DatabaseFile, counterInterval, process);
    }

    /// <summary>Runs one window of load and reads what it cost the host.</summary>
    public async Task<KindReport> MeasureAsync(LoadEngine engine, ChannelMode mode, TurnKind kind, LoadShape shape, TimeSpan duration, string label, CancellationToken cancellationToken)
    {
        var growingBefore = database is null ? 0 : await database.GrowingRowsAsync();
        var allocatedBefore = counters is null ? 0 : await counters.AllocatedBytesAfterAsync(DateTime.UtcNow, cancellationToken);
        var cpuBefore = meter?.CpuTime() ?? TimeSpan.Zero;
        var wallStart = DateTimeOffset.UtcNow;
        using var sampling = new CancellationTokenSource();
        var peak = meter?.PeakWorkingSetAsync(sampling.Token);

        var outcome = await engine.RunAsync(shape, duration, label, cancellationToken);

        await sampling.CancelAsync();
        var cpu = meter is null ? (TimeSpan?)null : meter.CpuTime() - cpuBefore;
        var allocated = counters is null ? (long?)null : await counters.AllocatedBytesAfterAsync(DateTime.UtcNow, cancellationToken) - allocatedBefore;
        var rows = database is null ? (long?)null : await database.RowsWrittenSinceAsync(wallStart, growingBefore);
        var turns = Math.Max(1, outcome.Turns + outcome.Failures);
        var seconds = outcome.Elapsed.TotalSeconds;
        return new KindReport(
            mode.Name(),
            kind.Name(),
            shape.ToString(),
            Math.Round(seconds, 2),
            outcome.Turns,
            outcome.Failures,
            outcome.FirstProblem,
            outcome.Turns / seconds,
            Millis(outcome.Latencies, 50),
            Millis(outcome.Latencies, 95),
            Millis(outcome.Latencies, 99),
            outcome.Latencies.TotalCount == 0 ? 0 : outcome.Latencies.GetMaxValue() / 1000.0,
            cpu?.TotalMilliseconds / turns,
            allocated / 1024.0 / turns,
            peak is null ? null : await peak / (1024.0 * 1024.0),
            rows,
            rows / seconds,
            RatioToEcho: null);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (counters is not null)
        {
            await counters.DisposeAsync();
        }

        if (started is not null)
        {
            await started.DisposeAsync();
        }
    }

    private static double Millis(LongHistogram histogram, double percentile) =>
        histogram.TotalCount == 0 ? 0 : histogram.GetValueAtPercentile(percentile) / 1000.0;
}
