using System.Data.Common;
using System.Diagnostics;
using System.Threading.Channels;

namespace PledgeBot.Storage;

/// <summary>
/// The one writer of a database (group commit). A durable commit costs a sync of the log whatever it
/// holds; so instead of each turn committing on its own, writes queue here and one connection runs
/// everything queued in a single transaction, each write in its own savepoint, and commits once.
/// Each caller is answered only after the transaction holding its write committed (or with the
/// error that stopped it), so nothing is acknowledged that a crash could take back. Readers use
/// their own connections and never wait for this one.
/// </summary>
/// <remarks>
/// The writer issues BEGIN, SAVEPOINT and COMMIT itself so that many callers' work shares one
/// transaction; a write must not begin or commit a transaction of its own. Each database says how
/// it begins a transaction and how to tell that one is still open after an error.
/// </remarks>
public abstract class GroupCommitWriter<TConnection> : IAsyncDisposable
    where TConnection : DbConnection
{
    /// <summary>Enough to take a burst in one commit; small enough that one transaction stays short.</summary>
    public const int MaxWritesPerCommit = 256;

    /// <summary>How often a batch that met another writer of the same database (see <see cref="MustRunBatchAgain"/>) is run before its callers get the error.</summary>
    public const int MaxAttemptsPerBatch = 20;

    private readonly Func<CancellationToken, Task<TConnection>> open;
    private readonly string begin;
    private readonly Channel<PendingWrite> queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lazy<Task> loop;

    // BEGIN, SAVEPOINT, RELEASE and COMMIT run for every write: prepared once per connection, not each time.
    private readonly Dictionary<string, DbCommand> statements = new(StringComparer.Ordinal);
    private TConnection? connection;
    private long commits;

    private readonly string databaseSystem;

    /// <param name="begin">The statement that starts the shared transaction.</param>
    /// <param name="databaseSystem">The database's name in the storage spans (OpenTelemetry's db.system.name).</param>
    protected GroupCommitWriter(Func<CancellationToken, Task<TConnection>> open, string begin, string databaseSystem)
    {
        this.open = open;
        this.begin = begin;
        this.databaseSystem = databaseSystem;
        loop = new Lazy<Task>(() => Task.Run(RunAsync), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Transactions committed so far, for the benchmarks' writes per second.</summary>
    public long Commits => Interlocked.Read(ref commits);

    /// <summary>Runs <paramref name="work"/> in the writer's next transaction; completes once that transaction committed.</summary>
    public async Task<T> WriteAsync<T>(Func<TConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
    {
        // Queueing and the commit, as the caller waits for them; the commit's own span links back here.
        using var span = StorageTracing.Source.StartActivity("storage write");
        span?.SetTag(StorageTracing.DatabaseSystemAttribute, databaseSystem);
        var pending = new PendingWrite<T>(work, cancellationToken) { Caller = span?.Context ?? default };
        if (!queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(GetType().Name, "The database is closing; nothing more is written.");
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

    public Task WriteAsync(Func<TConnection, CancellationToken, Task> work, CancellationToken cancellationToken = default) =>
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
        GC.SuppressFinalize(this);
    }

    /// <summary>Whether the connection is still inside the shared transaction after a write failed.</summary>
    protected abstract bool InTransaction(TConnection connection);

    /// <summary>
    /// Whether <paramref name="problem"/> means the batch met another writer of the same database
    /// (a deadlock, a lock the other holds) and may get through when run again. Such a batch is
    /// rolled back whole, which lets the other writer go on, and run again a moment later; nobody
    /// was answered yet.
    /// </summary>
    protected virtual bool MustRunBatchAgain(Exception problem) => false;

    /// <summary>
    /// Whether <paramref name="problem"/> means the connection to the database server was lost
    /// (a restart, a failover, a reset) or the server cannot be reached for now, so that the same
    /// work may succeed on a new connection a moment later. Never for a file database.
    /// </summary>
    protected virtual bool IsConnectionLost(Exception problem) => false;

    /// <summary>How long after losing its connection a batch waits for the database to come back before its callers get the error.</summary>
    protected virtual TimeSpan ReconnectWithin => TimeSpan.Zero;

    /// <summary>Whether <see cref="CommitAsync"/> marks each transaction, so that <see cref="WasCommittedAsync"/> can answer.</summary>
    protected virtual bool MarksCommits => false;

    /// <summary>
    /// Commits the shared transaction. A database whose connection can be lost during the commit
    /// also marks the transaction with <paramref name="batchId"/>, for <see cref="WasCommittedAsync"/>.
    /// </summary>
    protected virtual Task CommitAsync(TConnection connection, Guid batchId) => ExecuteAsync("COMMIT");

    /// <summary>
    /// Asked on a new connection after the connection was lost while the commit was under way:
    /// whether the transaction marked <paramref name="batchId"/> committed. The answer must be
    /// final: a transaction found not committed must never commit afterwards.
    /// </summary>
    protected virtual Task<bool> WasCommittedAsync(TConnection connection, Guid batchId) =>
        throw new NotSupportedException("This database does not lose its connection.");

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
        var contentions = 0;
        var connectionLosses = 0;
        long? lostSince = null;
        while (true)
        {
            // A new id for each attempt: an attempt found not committed has its id taken by the check (see WasCommittedAsync).
            var batchId = Guid.NewGuid();
            var commitSent = false;
            try
            {
                connection ??= await open(CancellationToken.None).ConfigureAwait(false);
                await ExecuteAsync(begin).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                {
                    outcomes[i] = await RunInSavepointAsync(batch[i]).ConfigureAwait(false);
                }

                commitSent = true;
                await CommitAsync(connection, batchId).ConfigureAwait(false);
                break;
            }
            catch (Exception problem) when (MustRunBatchAgain(problem) && ++contentions < MaxAttemptsPerBatch)
            {
                await AbandonAsync().ConfigureAwait(false);
                // A moment, different each time: two writers that both gave way must not meet again at once.
                await Task.Delay(Random.Shared.Next(1, Math.Min(10 * contentions, 100))).ConfigureAwait(false);
            }
            catch (Exception problem) when (IsConnectionLost(problem) && !OutOfTime(lostSince ??= Stopwatch.GetTimestamp()))
            {
                await AbandonAsync().ConfigureAwait(false);
                if (commitSent)
                {
                    // The server may have committed before the connection went: running the batch
                    // again could store every write twice, answering nobody could lose them all.
                    // So ask the server, on a new connection, which it was.
                    var committed = MarksCommits ? await SettleAsync(batchId, lostSince.Value).ConfigureAwait(false) : null;
                    if (committed == true)
                    {
                        break;
                    }

                    if (committed is null)
                    {
                        FailAll(batch, span, new CommitOutcomeUnknownException(
                            $"The connection to the database was lost while a write was being committed, and the database could not be reached within {ReconnectWithin.TotalSeconds:0} s to learn whether it was stored.",
                            problem));
                        return;
                    }
                }

                // Not committed, so nobody's write is stored and nobody was answered: the batch runs again.
                await Task.Delay(Backoff(++connectionLosses)).ConfigureAwait(false);
            }
            catch (Exception problem)
            {
                // Nothing of this transaction is kept, so no caller of it may be told its write was stored.
                await AbandonAsync().ConfigureAwait(false);
                FailAll(batch, span, problem);
                return;
            }
        }

        Interlocked.Increment(ref commits);
        foreach (var outcome in outcomes)
        {
            outcome();
        }
    }

    /// <summary>
    /// Whether the batch marked <paramref name="batchId"/> committed, asked on new connections until
    /// one answers; null when none did within <see cref="ReconnectWithin"/> of the loss.
    /// </summary>
    private async Task<bool?> SettleAsync(Guid batchId, long lostSince)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                connection ??= await open(CancellationToken.None).ConfigureAwait(false);
                return await WasCommittedAsync(connection, batchId).ConfigureAwait(false);
            }
            catch (Exception problem) when (IsConnectionLost(problem))
            {
                await AbandonAsync().ConfigureAwait(false);
                if (OutOfTime(lostSince))
                {
                    return null;
                }

                await Task.Delay(Backoff(attempt)).ConfigureAwait(false);
            }
        }
    }

    private static void FailAll(List<PendingWrite> batch, Activity? span, Exception problem)
    {
        span?.SetStatus(ActivityStatusCode.Error);
        span?.SetTag("error.type", problem.GetType().FullName);
        foreach (var pending in batch)
        {
            pending.Fail(problem);
        }
    }

    private bool OutOfTime(long lostSince) => Stopwatch.GetElapsedTime(lostSince) >= ReconnectWithin;

    /// <summary>The pause before the <paramref name="attempt"/>th try to reach a lost database: short at first (a lost connection is often back at once), then at most a second apart, so a restarted server is found soon after it is up.</summary>
    public static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(Math.Min(50 << Math.Min(attempt - 1, 5), 1000));

    /// <summary>One span per commit, linked to the writes it holds (each its caller's child), so a turn's write leads to its commit.</summary>
    private Activity? StartCommitSpan(List<PendingWrite> batch)
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
        span?.SetTag(StorageTracing.DatabaseSystemAttribute, databaseSystem);
        span?.SetTag("pledgebot.storage.writes", batch.Count);
        return span;
    }

    /// <summary>
    /// One caller's write: its failure (a constraint, a conflict it throws) undoes its own changes
    /// only. An error that ends the whole transaction (disk full, I/O, a lost connection) ends the
    /// batch instead.
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
        catch (Exception problem) when (InTransaction(connection!) && !MustRunBatchAgain(problem))
        {
            await ExecuteAsync("ROLLBACK TO write").ConfigureAwait(false);
            await ExecuteAsync("RELEASE write").ConfigureAwait(false);
            return () => pending.Fail(problem);
        }
    }

    /// <summary>Rolls back what is left of the transaction and starts over on a new connection (the database may have changed under this one).</summary>
    private async Task AbandonAsync()
    {
        try
        {
            if (connection is not null && InTransaction(connection))
            {
                await ExecuteAsync("ROLLBACK").ConfigureAwait(false);
            }
        }
        catch (DbException)
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
            await command.PrepareAsync().ConfigureAwait(false);
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
        public abstract Task<Action> RunAsync(TConnection connection, CancellationToken cancellationToken);

        public abstract void Fail(Exception problem);

        public abstract void Cancel();
    }

    private sealed class PendingWrite<T>(Func<TConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
        : PendingWrite(cancellationToken)
    {
        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async Task<Action> RunAsync(TConnection connection, CancellationToken cancellationToken)
        {
            var result = await work(connection, cancellationToken).ConfigureAwait(false);
            return () => Completion.TrySetResult(result);
        }

        public override void Fail(Exception problem) => Completion.TrySetException(problem);

        public override void Cancel() => Completion.TrySetCanceled(CancellationToken);
    }
}
