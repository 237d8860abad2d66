using System.Diagnostics;
using Npgsql;

namespace PledgeBot.Storage.Postgres;

/// <summary>
/// A PostgreSQL database shared by every instance of the bot: brings its schema up to date when
/// opened (see <see cref="PostgresMigrator"/>), lends pooled connections for reading, and writes
/// through this instance's one <see cref="PostgresWriter"/> (group commit).
/// </summary>
public sealed class PostgresDatabase : IDatabaseHealth, IAsyncDisposable
{
    private readonly NpgsqlDataSource dataSource;
    private readonly PostgresWriter writer;

    /// <param name="connectionString">An Npgsql connection string; pooling is on unless it says otherwise.</param>
    public PostgresDatabase(string connectionString)
        : this(connectionString, PostgresSchema.Migrations)
    {
    }

    /// <summary>With another list of steps: for tests of the migrations themselves.</summary>
    public PostgresDatabase(string connectionString, IReadOnlyList<SchemaMigration> migrations)
        : this(connectionString, migrations, ReconnectWithin)
    {
    }

    /// <param name="reconnectWithin">How long a write or a read waits for a lost server to come back (see <see cref="ReconnectWithin"/>).</param>
    public PostgresDatabase(string connectionString, IReadOnlyList<SchemaMigration> migrations, TimeSpan reconnectWithin)
    {
        this.reconnectWithin = reconnectWithin;
        dataSource = NpgsqlDataSource.Create(connectionString);
        try
        {
            PostgresMigrator.Migrate(dataSource, migrations);
        }
        catch
        {
            dataSource.Dispose();
            throw;
        }

        writer = new PostgresWriter(
            async token => await dataSource.OpenConnectionAsync(token),
            reconnectWithin,
            markCommits: migrations.Any(step => step.Version == PostgresSchema.WriterBatchesStep));
    }

    /// <summary>
    /// How long a write waits for a server that went away (a restart, a failover) to come back
    /// before its caller gets the error, and a read for a connection: a restart takes a few
    /// seconds; a turn should not hang much longer than a channel waits for its answer.
    /// </summary>
    public static readonly TimeSpan ReconnectWithin = TimeSpan.FromSeconds(15);

    private readonly TimeSpan reconnectWithin;

    /// <summary>
    /// A pooled connection for reading; back to the pool when disposed. While the server cannot be
    /// reached (restarting, failing over), it keeps trying for <see cref="ReconnectWithin"/>.
    /// </summary>
    /// <remarks>
    /// After a restart, the connections idle in the pool are dead, and the first statement on one
    /// fails; Npgsql then empties the pool (any connection that breaks for a reason like that does),
    /// so the reads after it get new connections. The writer's connection is from this pool too, so
    /// whichever notices first, a write or a read, clears it for all.
    /// </remarks>
    public async ValueTask<NpgsqlConnection> OpenForReadingAsync(CancellationToken cancellationToken = default)
    {
        // The reads a store makes on one connection are one span, ended when the store closes it (as on SQLite).
        var span = StorageTracing.Source.StartActivity("storage read");
        span?.SetTag(StorageTracing.DatabaseSystemAttribute, "postgresql");
        var started = Stopwatch.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                if (span is not null)
                {
                    connection.StateChange += (_, change) =>
                    {
                        if (change.CurrentState == System.Data.ConnectionState.Closed)
                        {
                            span.Dispose();
                        }
                    };
                }

                return connection;
            }
            catch (Exception problem) when (PostgresConnectionLoss.Is(problem) && Stopwatch.GetElapsedTime(started) < reconnectWithin)
            {
                await Task.Delay(PostgresWriter.Backoff(attempt), cancellationToken);
            }
            catch
            {
                span?.SetStatus(ActivityStatusCode.Error);
                span?.Dispose();
                throw;
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> inside the writer's next transaction, together with whatever
    /// else this instance is writing at that moment; completes after the commit. The work must not
    /// begin or commit a transaction itself; an exception it throws undoes its own changes only.
    /// It may be run more than once (a batch that met a deadlock with another instance is run
    /// again), so it must do nothing but write to the database.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default) =>
        writer.WriteAsync(work, cancellationToken);

    /// <inheritdoc cref="WriteAsync{T}"/>
    public Task WriteAsync(Func<NpgsqlConnection, CancellationToken, Task> work, CancellationToken cancellationToken = default) =>
        writer.WriteAsync(work, cancellationToken);

    /// <summary>Transactions the writer committed since the start (the load tool's writes per second).</summary>
    public long WriterCommits => writer.Commits;

    /// <summary>
    /// True when a write commits on the server (the health check), through the writer as votes are
    /// written: a server that is down, read-only (a standby after failover) or out of disk fails it.
    /// </summary>
    public async Task<bool> CanWriteAsync(TimeProvider clock, CancellationToken cancellationToken = default)
    {
        try
        {
            var updated = await WriteAsync(async (connection, token) =>
            {
                await using var probe = connection.CreateCommand();
                probe.CommandText = "UPDATE health_probe SET checked_at = @now WHERE id = 1";
                probe.Parameters.AddWithValue("now", clock.GetUtcNow());
                return await probe.ExecuteNonQueryAsync(token);
            }, cancellationToken).WaitAsync(HealthProbeTimeout, cancellationToken);
            return updated == 1;
        }
        catch (Exception problem) when (problem is NpgsqlException or TimeoutException)
        {
            return false;
        }
    }

    /// <summary>How long the health probe waits: a health check must answer while the orchestrator is still listening.</summary>
    public static readonly TimeSpan HealthProbeTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Lets the writer finish what is queued (host shutdown), then closes the pool.</summary>
    public async ValueTask DisposeAsync()
    {
        await writer.DisposeAsync();
        await dataSource.DisposeAsync();
    }
}
