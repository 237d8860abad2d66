namespace PledgeBot.Bench.TraceSummary;

/// <summary>
/// Counts thread samples and allocations. The sampler records every thread, running or not, so a
/// sample whose top frames are a wait (an idle thread-pool thread, a timer, the file watcher) is
/// left out, and one stopped for a garbage collection is counted apart: what remains is the CPU a
/// turn costs, with one blind spot: a thread inside native code (SQLite, a socket) counts as busy
/// even while the kernel makes it wait (a disk sync, say).
/// </summary>
public sealed class TraceTally
{
    private static readonly string[] Waits =
    [
        "LowLevelLifoSemaphore", "WaitHandle.Wait", "Monitor.Wait", "SocketAsyncEngine.EventLoop", "Thread.Sleep",
        "WaitOneNoCheck", "ManualResetEventSlim.Wait", "SemaphoreSlim.Wait", "WaitSubsystem", "GateThread",
        "TimerQueue.TimerThread", "FileSystemWatcher+RunningInstance.TryReadEvent", "Interop+Sys.Poll",
    ];

    private readonly Dictionary<string, long> leaves = [];
    private readonly Dictionary<string, long> inclusive = [];
    private readonly Dictionary<string, long> topFrames = [];
    private readonly Dictionary<string, long> sampleGroups = [];
    private readonly Dictionary<string, long> allocationTypes = [];
    private readonly Dictionary<string, long> allocationGroups = [];
    private long samples;
    private long idle;
    private long gcWaits;
    private long busy;
    private long allocated;

    public void Sampled(List<string> stack, IEnumerable<(string Name, string[] Patterns)> groups)
    {
        samples++;
        if (stack[0].Contains("PollGC", StringComparison.Ordinal))
        {
            gcWaits++;
            return;
        }

        if (stack.Take(8).Any(frame => Waits.Any(wait => frame.Contains(wait, StringComparison.Ordinal))))
        {
            idle++;
            return;
        }

        busy++;
        Add(leaves, stack[0], 1);
        Add(topFrames, string.Join(" <- ", stack.Take(4).Select(frame => frame.Length > 90 ? frame[..90] : frame)), 1);
        foreach (var frame in stack.Distinct())
        {
            Add(inclusive, frame, 1);
        }

        CountGroups(stack, groups, sampleGroups, 1);
    }

    public void Allocated(List<string> stack, long bytes, string type, IEnumerable<(string Name, string[] Patterns)> groups)
    {
        allocated += bytes;
        Add(allocationTypes, type, bytes);
        CountGroups(stack, groups, allocationGroups, bytes);
    }

    public void Print(TextWriter output, IEnumerable<string> groupNames)
    {
        output.WriteLine($"thread samples: {samples:N0}; waiting: {idle:N0}; stopped for GC: {gcWaits:N0} ({Percent(gcWaits, busy + gcWaits)} of busy and GC); busy: {busy:N0}");
        output.WriteLine($"allocations sampled: {allocated / 1024.0 / 1024.0:N1} MB");
        Table(output, "Method groups, % of busy samples (inclusive)", groupNames.ToDictionary(n => n, n => sampleGroups.GetValueOrDefault(n)), busy, int.MaxValue);
        Table(output, "Method groups, % of allocated bytes (inclusive)", groupNames.ToDictionary(n => n, n => allocationGroups.GetValueOrDefault(n)), allocated, int.MaxValue);
        Table(output, "Methods, % of busy samples (exclusive)", leaves, busy, 25);
        Table(output, "Methods, % of busy samples (inclusive)", inclusive, busy, 150);
        Table(output, "Top four frames (a method and its callers), % of busy samples", topFrames, busy, 25);
        Table(output, "Types, % of allocated bytes", allocationTypes, allocated, 15);
    }

    private static void Table(TextWriter output, string title, Dictionary<string, long> counts, long total, int top)
    {
        output.WriteLine();
        output.WriteLine($"== {title}");
        foreach (var (name, count) in counts.OrderByDescending(c => c.Value).Take(top))
        {
            output.WriteLine($"{Percent(count, total),7} {(name.Length > 200 ? name[..200] : name)}");
        }
    }

    private static void CountGroups(List<string> stack, IEnumerable<(string Name, string[] Patterns)> groups, Dictionary<string, long> counts, long amount)
    {
        foreach (var (name, patterns) in groups)
        {
            if (stack.Any(frame => patterns.Any(pattern => frame.Contains(pattern, StringComparison.Ordinal))))
            {
                Add(counts, name, amount);
            }
        }
    }

    private static void Add(Dictionary<string, long> counts, string key, long amount) => counts[key] = counts.GetValueOrDefault(key) + amount;

    private static string Percent(long part, long whole) => whole == 0 ? "-" : $"{100.0 * part / whole:F1}%";
}
