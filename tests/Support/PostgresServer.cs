using System.Diagnostics;
using Npgsql;

namespace PledgeBot.Tests.Support;

/// <summary>
/// The PostgreSQL server of this test run, and a fresh database on it for each test. The server is
/// the one <see cref="ConnectionVariable"/> names (CI starts one, see .ci/run); without it, a private
/// server is started from the PostgreSQL binaries on this machine, once per test run, in a temp
/// folder, and stopped when the run ends. Without either, the PostgreSQL tests are skipped with
/// <see cref="SkipReason"/>, except in CI, where they fail.
/// </summary>
public static class PostgresServer
{
    /// <summary>An Npgsql connection string of a user who may create databases, to its maintenance database.</summary>
    public const string ConnectionVariable = "PLEDGEBOT_TEST_POSTGRES";

    private static readonly Lazy<NpgsqlDataSource> Server = new(Connect, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Why the PostgreSQL tests cannot run here, or null when they can (or must: in CI, a missing server fails them).</summary>
    public static string? SkipReason =>
        Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } || InContinuousIntegration || FindBinaries() is not null
            ? null
            : $"PostgreSQL is not installed. To run these tests, install it (sudo apt-get install -y postgresql) and the tests start a private server, or set {ConnectionVariable} to an Npgsql connection string of a server, such as Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres.";

    private static bool InContinuousIntegration =>
        Environment.GetEnvironmentVariable("CI") is { Length: > 0 } value && value != "false" && value != "0";

    /// <summary>Creates an empty database with a name of its own; returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var server = Server.Value;
        var name = $"pledgebot_test_{Guid.NewGuid():N}";
        // template0: never connected to, so databases can be created from it in parallel.
        await using (var create = server.CreateCommand($"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'"))
        {
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database <see cref="CreateDatabaseAsync"/> made, closing whatever is still connected to it.</summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var drop = Server.Value.CreateCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        await drop.ExecuteNonQueryAsync();
    }

    private static NpgsqlDataSource Connect()
    {
        var connectionString = Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } given
            ? given
            : PrivateServer.Start();
        var server = NpgsqlDataSource.Create(connectionString);
        try
        {
            using var probe = server.OpenConnection();
        }
        catch (Exception problem) when (problem is NpgsqlException or InvalidOperationException)
        {
            server.Dispose();
            throw new InvalidOperationException(
                $"The PostgreSQL server of the tests cannot be reached ({problem.Message}). {ConnectionVariable}: {(Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } ? "set" : "not set, so a private server was started")}.", problem);
        }

        return server;
    }

    /// <summary>The folder of initdb and pg_ctl: PostgreSQL's newest installed version, else the PATH.</summary>
    private static string? FindBinaries()
    {
        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "pg_ctl")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
                .FirstOrDefault()
            : null;
        return installed ?? (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(folder => IsProgram(Path.Combine(folder, "pg_ctl")) && IsProgram(Path.Combine(folder, "initdb")));
    }

    /// <summary>A file, or a link that leads to one (Debian links /usr/local/bin/pg_ctl into the installed version).</summary>
    private static bool IsProgram(string path) =>
        new FileInfo(path) is { Exists: true } file && (file.LinkTarget is null || file.ResolveLinkTarget(returnFinalTarget: true) is { Exists: true });

    /// <summary>
    /// A throw-away cluster in a temp folder: trust authentication on loopback only, on a free
    /// port, without fsync (nothing in it outlives the run). PostgreSQL refuses to run as root,
    /// so as root it runs as the postgres user that Debian's package creates.
    /// </summary>
    private static class PrivateServer
    {
        public static string Start()
        {
            var bin = FindBinaries() ?? throw new InvalidOperationException(
                $"PostgreSQL is not installed and {ConnectionVariable} is not set: install it (apt-get install -y postgresql) or point {ConnectionVariable} at a server.");
            RemoveLeftovers(bin);
            var folder = Path.Combine(Path.GetTempPath(), $"{FolderPrefix}{Guid.NewGuid():N}");
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, OwnerFile), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (RunningAsRoot)
            {
                Run("chown", "postgres:", folder);
            }

            var data = Path.Combine(folder, "data");
            var port = FreePort.Next();
            RunAsServerUser(Path.Combine(bin, "initdb"), "-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync");
            RunAsServerUser(
                Path.Combine(bin, "pg_ctl"), "-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60",
                "-o", $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200", "start");
            // One command for both: the test host may be ended as soon as its handlers start, and this child goes on.
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
                RunAsServerUser("/bin/sh", "-c", "\"$0\" -D \"$1\" -m immediate stop; rm -rf \"$2\"", Path.Combine(bin, "pg_ctl"), data, folder);
            return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
        }

        private const string FolderPrefix = "pledgebot-postgres-";

        // The test process that started the server: a run that was killed leaves its server behind.
        private const string OwnerFile = "owner.pid";

        private static bool RunningAsRoot => Environment.UserName == "root";

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
}
