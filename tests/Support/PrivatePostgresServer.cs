using System.Diagnostics;
using System.Globalization;

namespace PledgeBot.Tests.Support;

/// <summary>
/// A throw-away PostgreSQL cluster in a temp folder: trust authentication on loopback only, on a
/// free port, without fsync (nothing in it outlives the run). PostgreSQL refuses to run as root,
/// so as root it runs as the postgres user that Debian's package creates. The run's shared server
/// is one (see <see cref="PostgresServer"/>); a test that restarts or crashes its server starts one
/// of its own, since the shared one serves the tests running beside it.
/// </summary>
public sealed class PrivatePostgresServer : IAsyncDisposable
{
    private const string FolderPrefix = "pledgebot-postgres-";

    // The test process that started the server: a run that was killed leaves its server behind.
    private const string OwnerFile = "owner.pid";

    private readonly string bin;
    private readonly string folder;
    private readonly int port;

    private PrivatePostgresServer(string bin, string folder, int port)
    {
        this.bin = bin;
        this.folder = folder;
        this.port = port;
        ConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
    }

    /// <summary>To the server's maintenance database, as the superuser.</summary>
    public string ConnectionString { get; }

    private string Data => Path.Combine(folder, "data");

    private static bool RunningAsRoot => Environment.UserName == "root";

    /// <summary>Creates the cluster and starts it; returns once it accepts connections.</summary>
    public static PrivatePostgresServer Start()
    {
        var bin = PostgresServer.RequireBinaries();
        RemoveLeftovers(bin);
        var folder = Path.Combine(Path.GetTempPath(), $"{FolderPrefix}{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, OwnerFile), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        if (RunningAsRoot)
        {
            Run("chown", "postgres:", folder);
        }

        var server = new PrivatePostgresServer(bin, folder, FreePort.Next());
        RunAsServerUser(Path.Combine(bin, "initdb"), "-D", server.Data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync");
        RunAsServerUser(
            Path.Combine(bin, "pg_ctl"), "-D", server.Data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60",
            "-o", $"-p {server.port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200", "start");
        return server;
    }

    /// <summary>
    /// Stops the server and starts it again with the same settings; returns once it accepts
    /// connections. <paramref name="mode"/> is pg_ctl's: <c>fast</c> ends every session and shuts
    /// down cleanly (an operator's restart, a failover), <c>immediate</c> kills it (a crash: it
    /// recovers from its log when it starts).
    /// </summary>
    public void Restart(string mode) =>
        RunAsServerUser(Path.Combine(bin, "pg_ctl"), "-D", Data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "-m", mode, "restart");

    /// <summary>Stops the server at once and removes its folder; one child process, so that it also finishes when the test process is exiting.</summary>
    public void StopAndRemove() =>
        RunAsServerUser("/bin/sh", "-c", "\"$0\" -D \"$1\" -m immediate stop; rm -rf \"$2\"", Path.Combine(bin, "pg_ctl"), Data, folder);

    public ValueTask DisposeAsync()
    {
        StopAndRemove();
        return ValueTask.CompletedTask;
    }

    /// <summary>Stops and removes the servers of earlier runs that ended without stopping theirs (killed, or cut short while exiting).</summary>
    private static void RemoveLeftovers(string bin)
    {
        foreach (var folder in Directory.GetDirectories(Path.GetTempPath(), $"{FolderPrefix}*"))
        {
            var owner = Path.Combine(folder, OwnerFile);
            var inUse = File.Exists(owner)
                ? int.TryParse(File.ReadAllText(owner), out var pid) && IsRunning(pid)
                : Directory.GetLastWriteTimeUtc(folder) > DateTime.UtcNow.AddMinutes(-1); // being made right now
            if (inUse)
            {
                continue;
            }

            try
            {
                if (File.Exists(Path.Combine(folder, "data", "postmaster.pid")))
                {
                    RunAsServerUser(Path.Combine(bin, "pg_ctl"), "-D", Path.Combine(folder, "data"), "-m", "immediate", "stop");
                }

                Directory.Delete(folder, recursive: true);
            }
            catch (Exception problem) when (problem is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                // Another user's, or another run is removing it: not this run's concern.
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void RunAsServerUser(string program, params string[] arguments)
    {
        if (RunningAsRoot)
        {
            Run("runuser", ["-u", "postgres", "--", program, .. arguments]);
        }
        else
        {
            Run(program, arguments);
        }
    }

    private static void Run(string program, params string[] arguments)
    {
        // Output to a file, not a pipe: the server pg_ctl starts would hold a pipe open for its whole life.
        var output = Path.GetTempFileName();
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec \"$@\" >\"$0\" 2>&1");
        start.ArgumentList.Add(output);
        start.ArgumentList.Add(program);
        arguments.ToList().ForEach(start.ArgumentList.Add);
        using var process = Process.Start(start)!;
        process.WaitForExit();
        var said = File.ReadAllText(output);
        File.Delete(output);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', arguments)} failed ({process.ExitCode}): {said}");
        }
    }
}
