using System.Diagnostics;
using System.Net;
using System.Text;

namespace PledgeBot.Tests.Support;

/// <summary>
/// The bot as an operator runs it: its own process (the built PledgeBot.dll) on a free local
/// port, so a test can kill it outright, start it again, or watch it refuse to start.
/// </summary>
public sealed class BotProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private BotProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public static BotProcess Start(string dataDirectory, params string[] extraArguments)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "PledgeBot.dll"));
        start.ArgumentList.Add($"--urls={address}");
        start.ArgumentList.Add($"--Storage:DataDirectory={dataDirectory}");
        start.ArgumentList.Add($"--Campaign:PublicBaseUrl={address}");
        foreach (var argument in extraArguments)
        {
            start.ArgumentList.Add(argument);
        }

        var bot = new BotProcess(new Process { StartInfo = start }, address);
        bot.process.OutputDataReceived += (_, line) => bot.Append(line.Data);
        bot.process.ErrorDataReceived += (_, line) => bot.Append(line.Data);
        bot.process.Start();
        bot.process.BeginOutputReadLine();
        bot.process.BeginErrorReadLine();
        return bot;
    }

    /// <summary>
    /// The bot run for one of its commands (dotnet PledgeBot.dll forget ...), as an operator runs
    /// it; returns the exit code with its output and errors together.
    /// </summary>
    public static Task<(int ExitCode, string Output)> RunCommandAsync(params string[] arguments) => RunCommandFromAsync(callerFolder: null, arguments);

    /// <summary>
    /// As <see cref="RunCommandAsync"/>, typed in a shell whose folder is <paramref name="callerFolder"/>
    /// (its PWD) while the bot runs in its own folder, as <c>dotnet run --project bot</c> does.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunCommandFromAsync(string? callerFolder, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (callerFolder is not null)
        {
            start.Environment["PWD"] = callerFolder;
        }
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "PledgeBot.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"The command did not exit within a minute (did it start the host?):\n{await output}{await errors}");
        }

        return (process.ExitCode, await output + await errors);
    }

    /// <summary>Waits until /healthz answers 200; fails with the process output if it never does.</summary>
    public async Task WaitUntilHealthyAsync()
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        for (var attempt = 0; attempt < 300 && !process.HasExited; attempt++)
        {
            try
            {
                if ((await client.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or still starting: on a busy machine the first answer can
                // take longer than one request's 2 s. The loop bounds the whole wait.
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"The bot did not become healthy. Its output:\n{Output}");
    }

    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    /// <summary>Ends the process at once, as a crash or a power cut would: no shutdown code runs.</summary>
    public void Crash()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    /// <summary>Asks the process to stop (SIGTERM, as systemd or a container runtime does) and waits until it has.</summary>
    public async Task<int> StopAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        return await WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            Crash();
        }

        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
