using System.Globalization;

namespace PledgeBot.Bench.LoadTool;

/// <summary>What to measure and how; read from the command line (see <see cref="Usage"/>).</summary>
public sealed record LoadOptions
{
    public IReadOnlyList<TurnKind> Kinds { get; init; } = TurnKinds.OfTheBot;

    public IReadOnlyList<ChannelMode> Modes { get; init; } = [ChannelMode.ExpectReplies];

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(2);

    public int Workers { get; init; } = 16;

    /// <summary>With a rate, an open loop at that many arrivals a second instead of the closed loop.</summary>
    public double? Rate { get; init; }

    /// <summary>After each closed loop, an open loop at this fraction of the throughput it found.</summary>
    public double? OpenFraction { get; init; }

    public double? SoakMinutes { get; init; }

    public bool MeasureEcho { get; init; } = true;

    public string? BotDll { get; init; }

    public string? EchoDll { get; init; }

    /// <summary>An already running host instead of starting one; process figures then need <see cref="Pid"/>.</summary>
    public Uri? Url { get; init; }

    /// <summary>Further instances of the running bot, after the first in <c>--url a,b</c>: requests go to each in turn.</summary>
    public IReadOnlyList<Uri> MoreUrls { get; init; } = [];

    public int? Pid { get; init; }

    public string? Database { get; init; }

    public string? JsonFile { get; init; }

    public bool Build { get; init; } = true;

    public TimeSpan CounterInterval { get; init; } = TimeSpan.FromSeconds(1);

    public bool Quick { get; init; }

    public const string Usage = """
        Usage: dotnet run -c Release --project bench/LoadTool -- [options]

          --kinds a,b,...     turn kinds: join, next-story, vote, change-vote, results, pledge, teams-vote (default: all)
          --modes a,b,...     expectReplies, connector, directline (default: expectReplies)
          --duration S        seconds of load per kind (default 10)
          --warmup S          seconds of unmeasured load before each kind (default 2)
          --workers N         closed loop: concurrent workers (default 16)
          --rate R            open loop instead: R people arriving a second
          --open-fraction F   after each closed loop, an open loop at F times the throughput it found (e.g. 0.7)
          --soak M            M minutes of open loop at --rate; working set after the first minute and at the end
          --no-echo           do not measure the echo floor (bench/EchoBot)
          --bot-dll PATH      the bot to start (default: bot/bin/Release/net10.0/PledgeBot.dll, built first)
          --echo-dll PATH     the echo bot to start (default: bench/EchoBot/bin/Release/net10.0/EchoBot.dll)
          --no-build          do not build the Release hosts first
          --url URL[,URL...]  measure a host that is already running (no echo floor); with several
                              instances of it (one PostgreSQL database), requests go to each in turn;
          --pid N             ...its process, for CPU, allocations and working set
          --database FILE     ...its pledgebot.db, for database writes
          --json FILE         also write the report as JSON (keep it under bench/results/, which git ignores)
          --quick             the smoke run: every kind briefly, 2 workers, no warm-up
        """;

    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        var options = new LoadOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            double Number() => double.TryParse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw new ArgumentException($"{args[i - 1]} needs a positive number.");

            options = args[i] switch
            {
                "--kinds" => options with { Kinds = [.. Value().Split(',', StringSplitOptions.RemoveEmptyEntries).Select(TurnKinds.ParseKind)] },
                "--modes" => options with { Modes = [.. Value().Split(',', StringSplitOptions.RemoveEmptyEntries).Select(TurnKinds.ParseMode)] },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(Number()) },
                "--warmup" => options with { WarmUp = TimeSpan.FromSeconds(double.Parse(Value(), CultureInfo.InvariantCulture)) },
                "--workers" => options with { Workers = (int)Number() },
                "--rate" => options with { Rate = Number() },
                "--open-fraction" => options with { OpenFraction = Number() },
                "--soak" => options with { SoakMinutes = Number() },
                "--no-echo" => options with { MeasureEcho = false },
                "--bot-dll" => options with { BotDll = Value(), Build = false },
                "--echo-dll" => options with { EchoDll = Value() },
                "--no-build" => options with { Build = false },
                "--url" => Value().Split(',', StringSplitOptions.RemoveEmptyEntries).Select(url => new Uri(url)).ToList() is var urls
                    ? options with { Url = urls[0], MoreUrls = urls[1..], MeasureEcho = false, Build = false }
                    : options,
                "--pid" => options with { Pid = (int)Number() },
                "--database" => options with { Database = Value() },
                "--json" => options with { JsonFile = Value() },
                "--quick" => options with
                {
                    Quick = true,
                    Duration = TimeSpan.FromSeconds(0.1),
                    WarmUp = TimeSpan.Zero,
                    Workers = 2,
                    CounterInterval = TimeSpan.FromSeconds(0.1),
                },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'."),
            };
        }

        if (options.SoakMinutes is not null && options.Rate is null)
        {
            throw new ArgumentException("--soak needs --rate: the soak is an open loop at a fixed rate.");
        }

        if (options.SoakMinutes is < 1)
        {
            throw new ArgumentException("--soak needs at least 1 minute: it reports the working set after the first minute.");
        }

        return options;
    }
}
