using Microsoft.Data.Sqlite;

namespace PledgeBot.Storage.Sqlite;

/// <summary>
/// The embedded database file: brings its schema up to date when opened (see <see cref="SqliteMigrator"/>), opens connections for reading, and
/// writes through its one <see cref="SqliteWriter"/> (group commit).
/// </summary>
public sealed class SqliteDatabase : IDatabaseHealth, IAsyncDisposable
{
    /// <summary>The highest schema step this code knows (<see cref="SqliteSchema"/>), also the file's <c>user_version</c>.</summary>
    public static int SchemaVersion => SchemaMigrations.Known(SqliteSchema.Migrations);

    private readonly string connectionString;
    private readonly SqliteWriter writer;

    public SqliteDatabase(string databaseFile)
        : this(databaseFile, SqliteSchema.Migrations)
    {
    }

    /// <summary>With another list of steps: for tests of the migrations themselves.</summary>
    public SqliteDatabase(string databaseFile, IReadOnlyList<SchemaMigration> migrations)
    {
        DatabaseFile = Path.GetFullPath(databaseFile);
        Directory.CreateDirectory(Path.GetDirectoryName(DatabaseFile)!);
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabaseFile,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            // Microsoft.Data.Sqlite retries a busy database for this long: concurrent turns on one
            // file wait for each other instead of failing.
            DefaultTimeout = 30,
        }.ToString();
        var isNew = !File.Exists(DatabaseFile);
        Migrate(migrations);
        writer = new SqliteWriter(OpenAsync);
        if (isNew && !OperatingSystem.IsWindows())
        {
            // Names, emails and consent records live here: only the bot's own user may read them.
            // SQLite gives its -wal and -shm files the same permissions.
            File.SetUnixFileMode(DatabaseFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    /// <summary>Stored instants are ISO 8601 in UTC, so that they sort as text.</summary>
    public static string Instant(DateTimeOffset at) => at.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    public string DatabaseFile { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var durable = connection.CreateCommand();
        // FULL syncs the write-ahead log on every commit: once a vote is committed, a crash or a
        // power cut cannot take it back. It is a per-connection setting, so it is set on each open.
        durable.CommandText = "PRAGMA synchronous = FULL";
        await durable.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    /// <summary>
    /// A pooled connection for reading only. Reads commit nothing, so the durability setting that
    /// <see cref="OpenAsync"/> sends on every open (one more statement for each of a turn's
    /// several reads) is not needed here.
    /// </summary>
    public async Task<SqliteConnection> OpenForReadingAsync(CancellationToken cancellationToken = default)
    {
        // The reads a store makes on one connection are one span, ended when the store closes it.
        var span = StorageTracing.Source.StartActivity("storage read");
        var connection = new SqliteConnection(connectionString);
        if (span is not null)
        {
            span.SetTag(StorageTracing.DatabaseSystemAttribute, "sqlite");
            connection.StateChange += (_, change) =>
            {
                if (change.CurrentState == System.Data.ConnectionState.Closed)
                {
                    span.Dispose();
                }
            };
        }

        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch
        {
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error);
            span?.Dispose();
            await connection.DisposeAsync();
            throw;
        }

        return connection;
    }

    /// <summary>
    /// Runs <paramref name="work"/> inside the writer's next transaction, together with whatever
    /// else is being written at that moment; completes after the commit. The work must not begin or
    /// commit a transaction itself; an exception it throws undoes its own changes only.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default) =>
        writer.WriteAsync(work, cancellationToken);

    /// <inheritdoc cref="WriteAsync{T}"/>
    public Task WriteAsync(Func<SqliteConnection, CancellationToken, Task> work, CancellationToken cancellationToken = default) =>
        writer.WriteAsync(work, cancellationToken);

    /// <summary>Transactions the writer committed since the start (the load tool's writes per second).</summary>
    public long WriterCommits => writer.Commits;

    /// <summary>Lets the writer finish what is queued (host shutdown).</summary>
    public ValueTask DisposeAsync() => writer.DisposeAsync();

    /// <summary>
    /// True when a write commits (the health check): the probe row is updated in its own
    /// transaction. Reading proves little; a file that became read-only, was deleted under the
    /// running host or is locked by someone else still answers queries, while votes and pledges
    /// could not be stored.
    /// </summary>
    public async Task<bool> CanWriteAsync(TimeProvider clock, CancellationToken cancellationToken = default)
    {
        // Pooled connections keep writing into a file deleted under them, so the commit alone does
        // not prove the data lands where the next start will look for it.
        if (!File.Exists(DatabaseFile))
        {
            return false;
        }

        try
        {
            // Through the writer, as votes are written: the probe fails when they would.
            var updated = await WriteAsync(async (connection, token) =>
            {
                await using var probe = connection.CreateCommand();
                probe.CommandText = "UPDATE health_probe SET checked_at = $now WHERE id = 1";
                probe.Parameters.AddWithValue("$now", clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                return await probe.ExecuteNonQueryAsync(token);
            }, cancellationToken).WaitAsync(HealthProbeTimeout, cancellationToken);
            return updated == 1;
        }
        catch (Exception problem) when (problem is SqliteException or TimeoutException)
        {
            // Not the 30 s a turn waits for a busy database: a health check must answer while the
            // orchestrator is still listening.
            return false;
        }
    }

    /// <summary>How long the health probe waits for a database another connection is writing.</summary>
    public static readonly TimeSpan HealthProbeTimeout = TimeSpan.FromSeconds(2);

    private void Migrate(IReadOnlyList<SchemaMigration> migrations)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        SqliteMigrator.Migrate(connection, DatabaseFile, migrations);

        // WAL lets readers (tallies, health) run while a vote is being written. Set after the
        // migration, because it cannot change inside a transaction, and so that a refused file is
        // not touched at all.
        using var journal = connection.CreateCommand();
        journal.CommandText = "PRAGMA journal_mode = WAL";
        journal.ExecuteNonQuery();
    }
}
