using System.Collections.Concurrent;
using System.Diagnostics;
using HdrHistogram;

namespace PledgeBot.Bench.LoadTool;

/// <summary>What one window of load gave: turns answered as expected, failures, and their latencies.</summary>
public sealed class LoadOutcome
{
    private readonly Lock gate = new();
    private long turns;
    private long failures;

    public LongHistogram Latencies { get; } = NewHistogram();

    public long Turns => Interlocked.Read(ref turns);

    public long Failures => Interlocked.Read(ref failures);

    public string? FirstProblem { get; private set; }

    public TimeSpan Elapsed { get; set; }

    /// <summary>Microseconds, from one microsecond to two minutes, three significant digits.</summary>
    public static LongHistogram NewHistogram() => new(120_000_000L, 3);

    public void Record(long latencyTicks, string? problem)
    {
        var micros = Math.Clamp(latencyTicks * 1_000_000 / Stopwatch.Frequency, 1, 120_000_000L);
        lock (gate)
        {
            Latencies.RecordValue(micros);
        }

        if (problem is null)
        {
            Interlocked.Increment(ref turns);
        }
        else
        {
            Fail(problem);
        }
    }

    public void Fail(string problem)
    {
        Interlocked.Increment(ref failures);
        lock (gate)
        {
            FirstProblem ??= problem;
        }
    }
}

/// <summary>Drives one turn kind through one channel, in a closed or an open loop, for a given time.</summary>
public sealed class LoadEngine(ITurnChannel channel, TurnKind kind, Action<string>? progress = null)
{
    private const int PruneAt = 4096;
    private static long people;
    private readonly ConcurrentBag<Person> returningPeople = [];

    public async Task<LoadOutcome> RunAsync(LoadShape shape, TimeSpan duration, string label, CancellationToken cancellationToken)
    {
        var outcome = new LoadOutcome();
        var clock = Stopwatch.StartNew();
        using var stopProgress = new CancellationTokenSource();
        var reporting = ReportProgressAsync(outcome, clock, duration, label, stopProgress.Token);
        try
        {
            await (shape switch
            {
                LoadShape.Closed closed => RunClosedAsync(closed.Workers, duration, outcome, cancellationToken),
                LoadShape.Open open => RunOpenAsync(open.ArrivalsPerSecond, duration, outcome, cancellationToken),
                _ => throw new ArgumentOutOfRangeException(nameof(shape)),
            });
        }
        finally
        {
            outcome.Elapsed = clock.Elapsed;
            await stopProgress.CancelAsync();
            await reporting;
        }

        return outcome;
    }

    private async Task RunClosedAsync(int workers, TimeSpan duration, LoadOutcome outcome, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        // A worker finishes the script it started, so each runs at least one (the smoke run's
        // proof that every turn of a pledge is answered) and a pledge is never cut in half.
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            do
            {
                await RunScriptAsync(intendedStart: null, outcome, cancellationToken);
            }
            while (Stopwatch.GetTimestamp() < deadline && !cancellationToken.IsCancellationRequested);
        }, cancellationToken)));
    }

    private async Task RunOpenAsync(double arrivalsPerSecond, TimeSpan duration, LoadOutcome outcome, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var interval = Stopwatch.Frequency / arrivalsPerSecond;
        var arrivals = (long)Math.Max(1, duration.TotalSeconds * arrivalsPerSecond);
        var running = new List<Task>();
        for (long next = 0; next < arrivals && !cancellationToken.IsCancellationRequested;)
        {
            var now = Stopwatch.GetTimestamp();
            var due = start + (long)(next * interval);
            if (due > now)
            {
                // Timers are coarse (about a millisecond): sleep short of the time, then start
                // every arrival that is due. Lateness here counts in the latency, as it should.
                var wait = TimeSpan.FromSeconds((due - now) / (double)Stopwatch.Frequency);
                await Task.Delay(wait > TimeSpan.FromMilliseconds(2) ? wait - TimeSpan.FromMilliseconds(1) : TimeSpan.FromMilliseconds(1), cancellationToken);
                continue;
            }

            while (next < arrivals && start + (long)(next * interval) <= now)
            {
                var intended = start + (long)(next * interval);
                running.Add(Task.Run(() => RunScriptAsync(intended, outcome, cancellationToken), cancellationToken));
                next++;
            }

            // Pruned now and then, not on every pass: at thousands of arrivals a second a scan per
            // pass took CPU from the host on the same cores.
            if (running.Count >= PruneAt)
            {
                running.RemoveAll(task => task.IsCompleted);
            }
        }

        await Task.WhenAll(running);
    }

    private async Task RunScriptAsync(long? intendedStart, LoadOutcome outcome, CancellationToken cancellationToken)
    {
        var person = kind.NeedsNewPerson() || !returningPeople.TryTake(out var returning)
            ? new Person($"load-{Environment.ProcessId}-{Interlocked.Increment(ref people)}")
            : returning;
        try
        {
            await channel.PrepareAsync(person, cancellationToken);
            var firstMeasured = true;
            foreach (var turn in TurnScripts.Next(kind, person))
            {
                var sent = Stopwatch.GetTimestamp();
                string? problem;
                try
                {
                    problem = await channel.SendAsync(person, kind, turn, cancellationToken);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException && !cancellationToken.IsCancellationRequested)
                {
                    problem = $"{e.GetType().Name}: {e.Message}";
                }

                if (turn.Measured)
                {
                    // In the open loop the first turn's clock starts when it was due, not when it went.
                    var from = firstMeasured && intendedStart is { } due ? due : sent;
                    outcome.Record(Stopwatch.GetTimestamp() - from, problem);
                    firstMeasured = false;
                }
                else if (problem is not null)
                {
                    outcome.Fail($"preparing turn: {problem}");
                }

                if (problem is not null)
                {
                    // A person whose turn failed is in an unknown state: the next script starts afresh.
                    return;
                }
            }

            if (!kind.NeedsNewPerson())
            {
                returningPeople.Add(person);
            }
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            outcome.Fail($"preparing a person: {e.Message}");
        }
    }

    private async Task ReportProgressAsync(LoadOutcome outcome, Stopwatch clock, TimeSpan duration, string label, CancellationToken until)
    {
        if (progress is null)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(until))
            {
                var seconds = clock.Elapsed.TotalSeconds;
                progress($"{label}: {seconds:0}/{duration.TotalSeconds:0} s, {outcome.Turns:N0} turns ({outcome.Turns / seconds:N0}/s), {outcome.Failures:N0} failed");
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
