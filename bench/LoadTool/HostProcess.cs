using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PledgeBot.Bench.LoadTool;

/// <summary>
/// A bot under test as its own process (`dotnet Some.dll`) on a free loopback port, with a
/// throw-away data folder, logging at Warning and no app id (so loopback callers need no token).
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private HostProcess(Process process, Uri address, string dataDirectory)
    {
        this.process = process;
        Address = address;
        DataDirectory = dataDirectory;
    }

    public Uri Address { get; }

    public string DataDirectory { get; }

    public Process Process => process;

    public string DatabaseFile => Path.Combine(DataDirectory, "pledgebot.db");

    /// <summary>The settings that keep the bot's per-person and per-address limits out of the measurement.</summary>
    public static readonly IReadOnlyDictionary<string, string> BenchmarkSettings = new Dictionary<string, string>
    {
        ["RateLimits__TurnBurstPerPerson"] = "10000",
        ["RateLimits__TurnsPerMinutePerPerson"] = "60000",
        ["RateLimits__ChatTokensPerMinutePerAddress"] = "100000",
        ["RateLimits__NewWebChatPeoplePerHourPerAddress"] = "100000",
        ["RateLimits__DirectLineConversationsPerMinutePerAddress"] = "100000",
        ["Outbound__MessagesPerSecondPerConversation"] = "100",
    };

    public static async Task<HostProcess> StartAsync(string dll, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"The host to measure is not built: {dll}");
        }

        var address = new Uri($"http://127.0.0.1:{FreePort()}/");
        var data = Directory.CreateTempSubdirectory("loadtool-").FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            // The content root: the bot finds campaign/ beside its dll.
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(dll))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.GetFullPath(dll));
        start.ArgumentList.Add($"--urls={address}");
        start.ArgumentList.Add($"--Storage:DataDirectory={data}");
        start.ArgumentList.Add($"--Campaign:PublicBaseUrl={address}");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning";
        start.Environment["MicrosoftAppId"] = "";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var host = new HostProcess(new Process { StartInfo = start }, address, data);
        host.process.OutputDataReceived += (_, line) => host.Append(line.Data);
        host.process.ErrorDataReceived += (_, line) => host.Append(line.Data);
        host.process.Start();
        host.process.BeginOutputReadLine();
        host.process.BeginErrorReadLine();
        await host.WaitUntilHealthyAsync(cancellationToken);
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the temp folder is the system's to clean then.
        }
    }

    private async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        for (var attempt = 0; attempt < 600 && !process.HasExited; attempt++)
        {
            try
            {
                using var response = await client.GetAsync("/healthz", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not listening yet.
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new InvalidOperationException($"The host did not become healthy. Its output:\n{Output}");
    }

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

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            // Only the start and any warnings matter; keep the tail bounded in a long soak.
            if (output.Length > 64 * 1024)
            {
                output.Remove(0, output.Length - 32 * 1024);
            }

            output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
