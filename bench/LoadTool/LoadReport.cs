using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PledgeBot.Bench.LoadTool;

/// <summary>One turn kind through one channel under one load shape. Null: not measurable here (no process or database to read).</summary>
public sealed record KindReport(
    string Mode,
    string Kind,
    string Load,
    double Seconds,
    long Turns,
    long Failures,
    string? FirstProblem,
    double TurnsPerSecond,
    double P50Ms,
    double P95Ms,
    double P99Ms,
    double MaxMs,
    double? CpuMsPerTurn,
    double? AllocatedKBPerTurn,
    double? PeakWorkingSetMB,
    long? DbRowsWritten,
    double? DbWritesPerSecond,
    double? RatioToEcho);

/// <summary>The soak: working set after its first minute and at its end (the memory-flat goal: within 10%).</summary>
public sealed record SoakReport(string Kind, string Mode, double ArrivalsPerSecond, double Minutes, double WorkingSetAfterFirstMinuteMB, double WorkingSetAtEndMB)
{
    public double ChangePercent => (WorkingSetAtEndMB - WorkingSetAfterFirstMinuteMB) / WorkingSetAfterFirstMinuteMB * 100;
}

public sealed record LoadReport(string Machine, string Command, IReadOnlyList<KindReport> Rows, SoakReport? Soak)
{
    /// <summary>The table's columns, in order; the smoke test checks every one is filled.</summary>
    public static readonly string[] Columns =
        ["mode", "kind", "load", "turns", "failed", "turns/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "CPU ms/turn", "alloc KB/turn", "peak WS MB", "DB writes/s", "x echo"];

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public string ToTable()
    {
        var rows = Rows.Select(r => new[]
        {
            r.Mode, r.Kind, r.Load, N(r.Turns), N(r.Failures), N(r.TurnsPerSecond), D(r.P50Ms), D(r.P95Ms), D(r.P99Ms), D(r.MaxMs),
            D(r.CpuMsPerTurn), D(r.AllocatedKBPerTurn), D(r.PeakWorkingSetMB, "0"), D(r.DbWritesPerSecond, "0"), D(r.RatioToEcho, "0.00"),
        }).ToList();
        var widths = Columns.Select((c, i) => Math.Max(c.Length, rows.Select(r => r[i].Length).DefaultIfEmpty(0).Max())).ToArray();
        var text = new StringBuilder();
        text.AppendLine(Line(Columns, widths));
        text.AppendLine(Line(widths.Select(w => new string('-', w)).ToArray(), widths));
        rows.ForEach(r => text.AppendLine(Line(r, widths)));
        foreach (var failed in Rows.Where(r => r.FirstProblem is not null))
        {
            text.AppendLine($"{failed.Mode} {failed.Kind}: {failed.Failures} failed; the first: {failed.FirstProblem}");
        }

        if (Soak is { } soak)
        {
            text.AppendLine($"Soak: {soak.Kind} ({soak.Mode}) at {soak.ArrivalsPerSecond:0.#}/s for {soak.Minutes:0.#} min: working set {soak.WorkingSetAfterFirstMinuteMB:0} MB after the first minute, {soak.WorkingSetAtEndMB:0} MB at the end ({soak.ChangePercent:+0.0;-0.0}%).");
        }

        return text.ToString();
    }

    private static string Line(string[] cells, int[] widths) =>
        "| " + string.Join(" | ", cells.Select((c, i) => i < 3 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))) + " |";

    private static string N(double value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    private static string D(double? value, string format = "0.00") => value?.ToString(format, CultureInfo.InvariantCulture) ?? "n/a";
}
