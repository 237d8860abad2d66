using PledgeBot.Bench.TraceSummary;

using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Etlx;

// Usage: dotnet run -c Release --project bench/TraceSummary -- <trace.nettrace> [groups.txt] [--focus pattern]
// A groups file has one "name=pattern;pattern" a line; a sample or an allocation counts for a
// group when any frame of its stack contains one of the patterns (so groups are inclusive and
// may overlap). --focus keeps only the busy samples whose stack has a frame containing the
// pattern, to see who calls a hot method (a lock's slow path, say).
var focus = args.SkipWhile(a => a != "--focus").Skip(1).FirstOrDefault();
args = [.. args.TakeWhile(a => a != "--focus")];
if (args.Length is < 1 or > 2)
{
    Console.Error.WriteLine("Usage: TraceSummary <trace.nettrace> [groups.txt] [--focus pattern]");
    return 2;
}

var groups = args.Length > 1
    ? File.ReadAllLines(args[1]).Where(l => l.Contains('=') && !l.StartsWith('#'))
        .Select(l => (Name: l[..l.IndexOf('=')], Patterns: l[(l.IndexOf('=') + 1)..].Split(';', StringSplitOptions.RemoveEmptyEntries)))
        .ToArray()
    : [];

using var log = new TraceLog(TraceLog.CreateFromEventPipeDataFile(args[0]));
var summary = new TraceTally();
foreach (var data in log.Events)
{
    var stack = Frames(data.CallStack());
    if (data.EventName == "GC/AllocationTick")
    {
        summary.Allocated(stack, Convert.ToInt64(data.PayloadByName("AllocationAmount64") ?? data.PayloadByName("AllocationAmount")), (string)data.PayloadByName("TypeName"), groups);
    }
    else if (data.ProviderName == "Microsoft-DotNETCore-SampleProfiler" && data.EventName == "Thread/Sample" && stack.Count > 0
        && (focus is null || stack.Any(frame => frame.Contains(focus, StringComparison.Ordinal))))
    {
        summary.Sampled(stack, groups);
    }
}

summary.Print(Console.Out, groups.Select(g => g.Name));
return 0;

static List<string> Frames(TraceCallStack? stack)
{
    var frames = new List<string>();
    for (var frame = stack; frame is not null; frame = frame.Caller)
    {
        var name = frame.CodeAddress.FullMethodName;
        frames.Add(string.IsNullOrEmpty(name) ? $"?{frame.CodeAddress.ModuleName}" : name);
    }

    return frames;
}
