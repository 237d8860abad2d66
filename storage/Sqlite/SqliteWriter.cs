using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace PledgeBot.Storage.Sqlite;

/// <summary>
/// The one writer of the database file (group commit). SQLite lets one connection write at a time,
/// and a durable commit costs a sync of the write-ahead log whatever it holds; so instead of each
/// turn taking the write lock, waiting for it and syncing on its own, writes queue here and one
/// connection runs everything queued in a single transaction, each write in its own savepoint, and
/// syncs once. Each caller is answered only after the transaction holding its write committed (or
/// with the error that stopped it), so nothing is acknowledged that a crash could take back.
/// Readers use their own connections and, the journal being WAL, never wait for this one.
/// </summary>
/// <remarks>
/// Microsoft.Data.Sqlite has no group commit, and its transactions are per connection; the writer
/// issues BEGIN, SAVEPOINT and COMMIT itself so that many callers' work shares one transaction.
/// A write must not begin or commit a transaction of its own.
/// </remarks>
public sealed class SqliteWriter : IAsyncDisposable
{
    /// <summary>Enough to take a burst in one commit; small enough that one transaction stays short.</summary>
    public const int MaxWritesPerCommit = 256;

    private readonly Func<CancellationToken, Task<SqliteConnection>> open;
    private readonly Channel<PendingWrite> queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lazy<Task> loop;

    // BEGIN, SAVEPOINT, RELEASE and COMMIT run for every write: prepared once per connection, not each time.
    private readonly Dictionary<string, SqliteCommand> statements = new(StringComparer.Ordinal);
    private SqliteConnection? connection;

    public SqliteWriter(Func<CancellationToken, Task<SqliteConnection>> open)
    {
        this.open = open;
        loop = new Lazy<Task>(() => Task.Run(RunAsync), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Transactions committed so far, for the benchmarks' writes per second.</summary>
    public long Commits => Interlocked.Read(ref commits);

    private long commits;

    /// <summary>Runs <paramref name="work"/> in the writer's next transaction; completes once that transaction committed.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
    {
        // Queueing and the commit, as the caller waits for them; the commit's own span links back here.
        using var span = StorageTracing.Source.StartActivity("storage write");
        span?.SetTag(StorageTracing.DatabaseSystemAttribute, "sqlite");
        var pending = new PendingWrite<T>(work, cancellationToken) { Caller = span?.Context ?? default };
        if (!queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(SqliteWriter), "The database is closing; nothing more is written.");
        }

        _ = loop.Value;
        try
        {
            return await pending.Completion.Task.ConfigureAwait(false);
        }
        catch (Exception problem) when (span is not null)
        {
            span.SetStatus(ActivityStatusCode.Error);
            span.SetTag("error.type", problem.GetType().FullName);
            throw;
        }
    }

    public Task WriteAsync(Func<SqliteConnection, CancellationToken, Task> work, CancellationToken cancellationToken = default) =>
        WriteAsync<bool>(async (connection, token) =>
        {
            await work(connection, token).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>Writes what is queued, then stops: a host shutting down loses no acknowledged write, and none is left half-done.</summary>
    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        if (loop.IsValueCreated)
        {
            await loop.Value.ConfigureAwait(false);
        }

        await CloseAsync().ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        // The loop started inside its first caller's turn; its commits belong to no one turn.
        Activity.Current = null;
        var batch = new List<PendingWrite>(MaxWritesPerCommit);
        while (await queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxWritesPerCommit && queue.Reader.TryRead(out var pending))
            {
                // A caller that gave up before its turn came is not written for.
                if (pending.CancellationToken.IsCancellationRequested)
                {
                    pending.Cancel();
                    continue;
                }

                batch.Add(pending);
            }

            if (batch.Count > 0)
            {
                await CommitAsync(batch).ConfigureAwait(false);
            }
        }
    }

    private async Task CommitAsync(List<PendingWrite> batch)
    {
        using var span = StartCommitSpan(batch);
        var outcomes = new Action[batch.Count];
        try
        {
            connection ??= await open(CancellationToken.None).ConfigureAwait(false);
            await ExecuteAsync("BEGIN IMMEDIATE").ConfigureAwait(false);
            for (var i = 0; i < batch.Count; i++)
            {
                outcomes[i] = await RunInSavepointAsync(batch[i]).ConfigureAwait(false);
            }

            await ExecuteAsync("COMMIT").ConfigureAwait(false);
            Interlocked.Increment(ref commits);
        }
        catch (Exception problem)
        {
            // Nothing of this transaction is kept, so no caller of it may be told its write was stored.
            span?.SetStatus(ActivityStatusCode.Error);
            span?.SetTag("error.type", problem.GetType().FullName);
            await AbandonAsync().ConfigureAwait(false);
            foreach (var pending in batch)
            {
                pending.Fail(problem);
            }

            return;
        }

        foreach (var outcome in outcomes)
        {
            outcome();
        }
    }

    /// <summary>One span per commit, linked to the writes it holds (each its caller's child), so a turn's write leads to its commit.</summary>
    private static Activity? StartCommitSpan(List<PendingWrite> batch)
    {
        if (!StorageTracing.Source.HasListeners())
        {
            return null;
        }

        var links = new List<ActivityLink>(batch.Count);
        foreach (var pending in batch)
        {
            if (pending.Caller != default)
            {
                links.Add(new ActivityLink(pending.Caller));
            }
        }

        var span = StorageTracing.Source.StartActivity("storage commit", ActivityKind.Internal, parentContext: default, links: links);
        span?.SetTag(StorageTracing.DatabaseSystemAttribute, "sqlite");
        span?.SetTag("pledgebot.storage.writes", batch.Count);
        return span;
    }

    /// <summary>
    /// One caller's write: its failure (a constraint, a conflict it throws) undoes its own changes
    /// only. An error that ends the whole transaction (disk full, I/O) ends the batch instead.
    /// </summary>
    private async Task<Action> RunInSavepointAsync(PendingWrite pending)
    {
        await ExecuteAsync("SAVEPOINT write").ConfigureAwait(false);
        try
        {
            // Not the caller's token: once a write is in a shared transaction, one caller giving up must not undo it for the others.
            var complete = await pending.RunAsync(connection!, CancellationToken.None).ConfigureAwait(false);
            await ExecuteAsync("RELEASE write").ConfigureAwait(false);
            return complete;
        }
        catch (Exception problem) when (InTransaction())
        {
            await ExecuteAsync("ROLLBACK TO write").ConfigureAwait(false);
            await ExecuteAsync("RELEASE write").ConfigureAwait(false);
            return () => pending.Fail(problem);
        }
    }

    private bool InTransaction() => connection?.Handle is { } handle && SQLitePCL.raw.sqlite3_get_autocommit(handle) == 0;

    /// <summary>Rolls back what is left of the transaction and starts over on a new connection (the file may have changed under this one).</summary>
    private async Task AbandonAsync()
    {
        try
        {
            if (InTransaction())
            {
                await ExecuteAsync("ROLLBACK").ConfigureAwait(false);
            }
        }
        catch (SqliteException)
        {
            // The connection is dropped below either way.
        }

        await CloseAsync().ConfigureAwait(false);
    }

    private async Task CloseAsync()
    {
        foreach (var statement in statements.Values)
        {
            await statement.DisposeAsync().ConfigureAwait(false);
        }

        statements.Clear();
        if (connection is not null)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            connection = null;
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        if (!statements.TryGetValue(sql, out var command))
        {
            command = connection!.CreateCommand();
            command.CommandText = sql;
            command.Prepare();
            statements[sql] = command;
        }

        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private abstract class PendingWrite(CancellationToken cancellationToken)
    {
        public CancellationToken CancellationToken { get; } = cancellationToken;

        /// <summary>The caller's write span, for the commit's link to it; default when nobody traces.</summary>
        public ActivityContext Caller { get; init; }

        /// <summary>Runs the write; returns what answers its caller once the transaction committed.</summary>
        public abstract Task<Action> RunAsync(SqliteConnection connection, CancellationToken cancellationToken);

        public abstract void Fail(Exception problem);

        public abstract void Cancel();
    }

    private sealed class PendingWrite<T>(Func<SqliteConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
        : PendingWrite(cancellationToken)
    {
        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async Task<Action> RunAsync(SqliteConnection connection, CancellationToken cancellationToken)
        {
            var result = await work(connection, cancellationToken).ConfigureAwait(false);
            return () => Completion.TrySetResult(result);
        }

        public override void Fail(Exception problem) => Completion.TrySetException(problem);

        public override void Cancel() => Completion.TrySetCanceled(CancellationToken);
    }
}
