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
            : StartPrivateServer();
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

    /// <summary>A private server for the whole run (see <see cref="PrivatePostgresServer"/>), stopped and removed when the test process exits.</summary>
    private static string StartPrivateServer()
    {
        var server = PrivatePostgresServer.Start();
        // The test host may be ended as soon as its exit handlers start; stopping is one child process that goes on.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.StopAndRemove();
        return server.ConnectionString;
    }

    /// <summary>The folder of initdb and pg_ctl (see <see cref="FindBinaries"/>), or the reason there is none.</summary>
    internal static string RequireBinaries() => FindBinaries() ?? throw new InvalidOperationException(
        $"PostgreSQL is not installed and {ConnectionVariable} is not set: install it (apt-get install -y postgresql) or point {ConnectionVariable} at a server.");

    /// <summary>Why a test that starts a server of its own cannot run here (no PostgreSQL binaries), or null; in CI it runs and fails instead.</summary>
    public static string? OwnServerSkipReason =>
        InContinuousIntegration || FindBinaries() is not null
            ? null
            : "PostgreSQL is not installed, and this test starts and restarts a server of its own. To run it, install PostgreSQL (sudo apt-get install -y postgresql).";
}
