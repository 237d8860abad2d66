using System.Text.Json;
using PledgeBot.Bench.LoadTool;

namespace PledgeBot.Tests.Bench;

/// <summary>
/// The load tool's smoke run (bench/LoadTool, `--quick`): the real bot and the echo floor as their
/// own processes, every turn kind through every channel mode for a moment. It keeps the tool
/// working as the bot changes; it asserts what came back, never how fast.
/// </summary>
public sealed class LoadToolSmokeTests
{
    private static readonly ChannelMode[] AllModes = [ChannelMode.ExpectReplies, ChannelMode.Connector, ChannelMode.DirectLine];

    [Fact]
    public async Task EveryTurnKindInEveryModeIsAnsweredStoredAndReported()
    {
        var options = LoadOptions.Parse(["--quick", "--modes", "expectReplies,connector,directline", "--no-build"]);

        var report = await LoadRun.RunAsync(
            options,
            Path.Combine(AppContext.BaseDirectory, "PledgeBot.dll"),
            Path.Combine(AppContext.BaseDirectory, "EchoBot.dll"),
            "smoke",
            progress: null,
            CancellationToken.None);

        var expected = AllModes.SelectMany(mode => new[] { TurnKind.Echo }.Concat(TurnKinds.OfTheBot).Where(kind => mode.Supports(kind)).Select(kind => (mode.Name(), kind.Name())));
        Assert.Equal(expected, report.Rows.Select(row => (row.Mode, row.Kind)));
        Assert.All(report.Rows, row =>
        {
            Assert.True(row.Failures == 0, $"{row.Mode} {row.Kind}: {row.Failures} turns without their reply; the first: {row.FirstProblem}");
            Assert.True(row.Turns > 0, $"{row.Mode} {row.Kind}: no turn");
            Assert.True(row.P50Ms > 0 && row.P99Ms >= row.P50Ms && row.MaxMs >= row.P99Ms, $"{row.Mode} {row.Kind}: latencies");
            Assert.True(row.CpuMsPerTurn > 0, $"{row.Mode} {row.Kind}: CPU");
            Assert.True(row.AllocatedKBPerTurn > 0, $"{row.Mode} {row.Kind}: allocations");
            Assert.True(row.PeakWorkingSetMB > 0, $"{row.Mode} {row.Kind}: working set");
            Assert.NotNull(row.DbWritesPerSecond);
            Assert.Equal(row.Mode != "directline", row.RatioToEcho is not null);
        });

        // Each vote turn records its delivery; a new person's vote is a new row besides. (A person
        // changing their vote again and again is one votes row, counted once per window.)
        Assert.All(report.Rows.Where(row => row.Kind is "vote" or "change-vote" or "teams-vote"), row => Assert.True(
            row.DbRowsWritten >= (row.Kind == "change-vote" ? 1 : 2) * row.Turns,
            $"{row.Mode} {row.Kind}: {row.Turns} votes, {row.DbRowsWritten} rows written"));
    }

    [Fact]
    public void TheReportHasEveryColumnInItsTableAndItsJson()
    {
        var row = new KindReport("expectReplies", "vote", "closed 16", 10, 1000, 0, null, 100, 1, 2, 3, 4, 5, 6, 7, 8, 0.8, 0.5);
        var report = new LoadReport("machine", "command", [row], null);

        var header = report.ToTable().Split('\n')[0];
        var json = JsonDocument.Parse(report.ToJson()).RootElement.GetProperty("rows")[0];

        Assert.All(LoadReport.Columns, column => Assert.Contains(column, header));
        foreach (var name in new[] { "turnsPerSecond", "p50Ms", "p95Ms", "p99Ms", "maxMs", "cpuMsPerTurn", "allocatedKBPerTurn", "peakWorkingSetMB", "dbWritesPerSecond", "ratioToEcho" })
        {
            Assert.True(json.TryGetProperty(name, out _), name);
        }
    }
}
