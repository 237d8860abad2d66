using System.Diagnostics;

namespace PledgeBot.Bench.LoadTool;

/// <summary>The command line: builds the Release hosts, runs the load, prints the table (and writes the JSON).</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        LoadOptions options;
        try
        {
            options = LoadOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"{e.Message}\n\n{LoadOptions.Usage}");
            return 2;
        }

        var repository = FindRepository();
        var botDll = options.BotDll ?? Path.Combine(repository, "bot/bin/Release/net10.0/PledgeBot.dll");
        var echoDll = options.EchoDll ?? Path.Combine(repository, "bench/EchoBot/bin/Release/net10.0/EchoBot.dll");
        if (options.Build && !(await BuildAsync(repository, "bot") && await BuildAsync(repository, "bench/EchoBot")))
        {
            return 1;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        var report = await LoadRun.RunAsync(options, botDll, echoDll, "LoadTool " + string.Join(' ', args), ShowProgress, cancel.Token);
        await Console.Error.WriteLineAsync();
        Console.WriteLine(report.ToTable());
        if (options.JsonFile is { } json)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(json))!);
            await File.WriteAllTextAsync(json, report.ToJson());
        }

        return report.Rows.Any(r => r.Failures > 0) ? 1 : 0;
    }

    private static void ShowProgress(string line) => Console.Error.Write($"\r{line,-100}");

    private static async Task<bool> BuildAsync(string repository, string project)
    {
        await Console.Error.WriteLineAsync($"Building {project} (Release)...");
        using var build = Process.Start(new ProcessStartInfo("dotnet", ["build", Path.Combine(repository, project), "-c", "Release", "-v", "q", "-nologo"]))!;
        await build.WaitForExitAsync();
        return build.ExitCode == 0;
    }

    /// <summary>The checkout this tool is in: the folder with Bot.sln, looked for from here and from the tool's own folder.</summary>
    private static string FindRepository()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "Bot.sln")))
                {
                    return folder.FullName;
                }
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
