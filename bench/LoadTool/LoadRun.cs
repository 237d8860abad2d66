using System.Diagnostics;

namespace PledgeBot.Bench.LoadTool;

/// <summary>
/// A whole run: starts the echo floor and the bot (or uses a running host), then for each channel
/// mode measures the echo turn and each turn kind, and gives each kind's throughput as a ratio to
/// the echo turn's in the same mode and run.
/// </summary>
public static class LoadRun
{
    public static async Task<LoadReport> RunAsync(LoadOptions options, string botDll, string? echoDll, string command, Action<string>? progress, CancellationToken cancellationToken)
    {
        var rows = new List<KindReport>();
        await using var connector = options.Modes.Contains(ChannelMode.Connector) ? await ConnectorStandIn.StartAsync() : null;
        await using var echo = options.MeasureEcho && echoDll is not null ? await MeasuredHost.StartAsync(echoDll, options.CounterInterval, cancellationToken) : null;
        await using var bot = options.Url is { } url
            ? new MeasuredHost(url, options.Pid is { } pid ? Process.GetProcessById(pid) : null, options.Database, options.CounterInterval, alsoAt: options.MoreUrls)
            : await MeasuredHost.StartAsync(botDll, options.CounterInterval, cancellationToken);

        await WarmUpAsync(bot, echo, options, connector, progress, cancellationToken);
        foreach (var mode in options.Modes)
        {
            KindReport? floor = null;
            if (echo is not null && mode.Supports(TurnKind.Echo))
            {
                floor = (await MeasureKindAsync(echo, mode, TurnKind.Echo, options, connector, progress, rows, cancellationToken)).Closed;
            }

            foreach (var kind in options.Kinds.Where(k => mode.Supports(k)))
            {
                await MeasureKindAsync(bot, mode, kind, options, connector, progress, rows, cancellationToken);
            }

            for (var i = 0; i < rows.Count; i++)
            {
                if (rows[i].Mode == mode.Name() && floor is not null && rows[i].Load == floor.Load)
                {
                    rows[i] = rows[i] with { RatioToEcho = rows[i].TurnsPerSecond / floor.TurnsPerSecond };
                }
            }
        }

        var soak = options.SoakMinutes is { } minutes
            ? await SoakAsync(bot, options, minutes, connector, progress, rows, cancellationToken)
            : null;
        return new LoadReport(Machine(), command, rows, soak);
    }

    /// <summary>
    /// Every kind in every mode once, unmeasured, before the first measured window: on two cores the
    /// JIT's background compiles lag behind a loaded host for seconds, and the kind measured first
    /// would otherwise pay for code every kind shares (a warm host in production has compiled it).
    /// </summary>
    private static async Task WarmUpAsync(MeasuredHost bot, MeasuredHost? echo, LoadOptions options, ConnectorStandIn? connector, Action<string>? progress, CancellationToken cancellationToken)
    {
        if (options.WarmUp <= TimeSpan.Zero)
        {
            return;
        }

        var shape = new LoadShape.Closed(options.Workers);
        foreach (var mode in options.Modes)
        {
            var hostsAndKinds = options.Kinds.Select(kind => (Host: (MeasuredHost?)bot, Kind: kind)).Prepend((Host: echo, Kind: TurnKind.Echo));
            foreach (var (host, kind) in hostsAndKinds.Where(pair => pair.Host is not null && mode.Supports(pair.Kind)))
            {
                var engine = new LoadEngine(Channel(host!, mode, connector), kind, progress);
                await engine.RunAsync(shape, options.WarmUp, $"{mode.Name()} {kind.Name()} (warming the host)", cancellationToken);
            }
        }
    }

    private static async Task<(KindReport? Closed, KindReport? Open)> MeasureKindAsync(
        MeasuredHost host, ChannelMode mode, TurnKind kind, LoadOptions options, ConnectorStandIn? connector, Action<string>? progress, List<KindReport> rows, CancellationToken cancellationToken)
    {
        var engine = new LoadEngine(Channel(host, mode, connector), kind, progress);
        var label = $"{mode.Name()} {kind.Name()}";
        LoadShape shape = options.Rate is { } rate ? new LoadShape.Open(rate) : new LoadShape.Closed(options.Workers);
        if (options.WarmUp > TimeSpan.Zero)
        {
            await engine.RunAsync(shape, options.WarmUp, label + " (warm-up)", cancellationToken);
        }

        var first = await host.MeasureAsync(engine, mode, kind, shape, options.Duration, label, cancellationToken);
        rows.Add(first);
        if (options.OpenFraction is not { } fraction || shape is not LoadShape.Closed || first.Turns == 0)
        {
            return (first, null);
        }

        // Arrivals, not turns: a pledge is five turns per person.
        var turnsPerArrival = kind == TurnKind.Pledge ? 5.0 : 1.0;
        var open = new LoadShape.Open(Math.Round(first.TurnsPerSecond * fraction / turnsPerArrival, 1));
        var second = await host.MeasureAsync(engine, mode, kind, open, options.Duration, label + $" ({open})", cancellationToken);
        rows.Add(second);
        return (first, second);
    }

    private static async Task<SoakReport> SoakAsync(
        MeasuredHost host, LoadOptions options, double minutes, ConnectorStandIn? connector, Action<string>? progress, List<KindReport> rows, CancellationToken cancellationToken)
    {
        var kind = options.Kinds[0];
        var mode = options.Modes[0];
        var engine = new LoadEngine(Channel(host, mode, connector), kind, progress);
        var shape = new LoadShape.Open(options.Rate!.Value);
        var firstMinute = await host.MeasureAsync(engine, mode, kind, shape, TimeSpan.FromMinutes(1), $"soak {kind.Name()} minute 1", cancellationToken);
        var afterFirstMinute = host.Meter?.WorkingSet() ?? 0;
        var rest = await host.MeasureAsync(engine, mode, kind, shape, TimeSpan.FromMinutes(minutes - 1), $"soak {kind.Name()} minutes 2-{minutes:0}", cancellationToken);
        var atEnd = host.Meter?.WorkingSet() ?? 0;
        rows.Add(firstMinute with { Load = $"soak {shape}, minute 1" });
        rows.Add(rest with { Load = $"soak {shape}, the rest" });
        return new SoakReport(kind.Name(), mode.Name(), shape.ArrivalsPerSecond, minutes, afterFirstMinute / (1024.0 * 1024.0), atEnd / (1024.0 * 1024.0));
    }

    private static ITurnChannel Channel(MeasuredHost host, ChannelMode mode, ConnectorStandIn? connector) => mode switch
    {
        ChannelMode.DirectLine => new DirectLineChannel(host.Http),
        _ => new ApiMessagesChannel(host.Http, mode, connector),
    };

    private static string Machine() =>
        $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription.Trim()}, .NET {Environment.Version}";
}
