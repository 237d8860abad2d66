using Npgsql;
using PledgeBot.Storage.Postgres;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Storage;

/// <summary>The readiness probe on PostgreSQL: a commit on the server, not a read.</summary>
public sealed class PostgresHealthTests : IAsyncLifetime
{
    private string connectionString = null!;

    public async Task InitializeAsync() => connectionString = await PostgresServer.CreateDatabaseAsync();

    public async Task DisposeAsync() => await PostgresServer.DropDatabaseAsync(connectionString);

    [PostgresFact]
    public async Task AWritableDatabaseIsHealthy()
    {
        await using var database = new PostgresDatabase(connectionString);

        Assert.True(await database.CanWriteAsync(TimeProvider.System));
    }

    [PostgresFact]
    public async Task ADatabaseThatOnlyAnswersReadsIsNotHealthy()
    {
        await using (new PostgresDatabase(connectionString))
        {
        }

        // What an instance meets after a failover to a standby: every read works, no write does.
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using (var admin = new NpgsqlConnection(connectionString))
        {
            await admin.OpenAsync();
            await using var readOnly = new NpgsqlCommand($"ALTER DATABASE \"{name}\" SET default_transaction_read_only = on", admin);
            await readOnly.ExecuteNonQueryAsync();
        }

        await using var database = new PostgresDatabase(connectionString);
        await using (var reading = await database.OpenForReadingAsync())
        await using (var read = new NpgsqlCommand("SELECT count(*) FROM health_probe", reading))
        {
            Assert.Equal(1L, await read.ExecuteScalarAsync());
        }

        Assert.False(await database.CanWriteAsync(TimeProvider.System));
    }
}
