using Npgsql;

namespace PledgeBot.Storage.Postgres;

/// <summary>
/// Leases as PostgreSQL session advisory locks, each held on a connection of its own: the server
/// releases it the moment that connection ends, so an instance that crashed or lost the network
/// frees the work for another at once, with no expiry to wait out. The holder looks at its
/// connection every few seconds and gives the lease up when it is gone, as the server has then
/// given the lock to whoever asks next.
/// </summary>
public sealed class PostgresExclusiveLeases(PostgresDatabase database) : IExclusiveLeases
{
    // The first key of the two-number advisory locks of leases ("Leas"), apart from the vote locks.
    private const int LeaseLockSpace = 0x4C656173;

    /// <summary>How often a holder makes sure its connection, and so its lock, still stands.</summary>
    public static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(2);

    public async Task<IExclusiveLease?> TryAcquireAsync(string name, CancellationToken cancellationToken = default)
    {
        var connection = await database.OpenForReadingAsync(cancellationToken);
        try
        {
            await using var take = new NpgsqlCommand("SELECT pg_try_advisory_lock(@space, hashtext(@name))", connection);
            take.Parameters.AddWithValue("space", LeaseLockSpace);
            take.Parameters.AddWithValue("name", name);
            if ((bool)(await take.ExecuteScalarAsync(cancellationToken))!)
            {
                return new Lease(connection, name);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return null;
    }

    private sealed class Lease : IExclusiveLease
    {
        private readonly NpgsqlConnection connection;
        private readonly string name;
        private readonly CancellationTokenSource lost = new();
        private readonly CancellationTokenSource disposed = new();
        private readonly Task watching;

        public Lease(NpgsqlConnection connection, string name)
        {
            this.connection = connection;
            this.name = name;
            watching = WatchAsync();
        }

        public CancellationToken Lost => lost.Token;

        private async Task WatchAsync()
        {
            try
            {
                using var timer = new PeriodicTimer(CheckEvery);
                while (await timer.WaitForNextTickAsync(disposed.Token))
                {
                    await using var check = new NpgsqlCommand("SELECT 1", connection);
                    await check.ExecuteScalarAsync(disposed.Token);
                }
            }
            catch (OperationCanceledException) when (disposed.IsCancellationRequested)
            {
                return;
            }
            catch (Exception problem) when (problem is NpgsqlException or InvalidOperationException or OperationCanceledException)
            {
                // The connection is gone, and with it the lock.
            }

            await lost.CancelAsync();
        }

        public async ValueTask DisposeAsync()
        {
            await disposed.CancelAsync();
            await watching;
            if (!lost.IsCancellationRequested)
            {
                try
                {
                    // Back to the pool still holding it otherwise: a session lock outlives the lender.
                    await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@space, hashtext(@name))", connection);
                    release.Parameters.AddWithValue("space", LeaseLockSpace);
                    release.Parameters.AddWithValue("name", name);
                    await release.ExecuteScalarAsync();
                }
                catch (NpgsqlException)
                {
                    // The connection broke as it was given up: the server released the lock with it.
                }
            }

            await connection.DisposeAsync();
            lost.Dispose();
            disposed.Dispose();
        }
    }
}
