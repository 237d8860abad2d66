using Npgsql;
using PledgeBot.Storage.Postgres;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Storage;

/// <summary>Work one instance at a time does (the CRM outbox): held by one, taken over when it ends.</summary>
public sealed class PostgresExclusiveLeasesTests : IAsyncLifetime
{
    private PostgresUnderTest database = null!;

    public async Task InitializeAsync() => database = await PostgresUnderTest.CreateAsync();

    public async Task DisposeAsync() => await database.DisposeAsync();

    [PostgresFact]
    public async Task OneInstanceHoldsALeaseAndAnotherTakesItWhenItIsGivenUp()
    {
        var first = new PostgresExclusiveLeases(database.Open());
        var second = new PostgresExclusiveLeases(database.Open());

        var held = await first.TryAcquireAsync("crm-dispatcher");
        Assert.NotNull(held);
        Assert.Null(await second.TryAcquireAsync("crm-dispatcher"));
        Assert.Null(await first.TryAcquireAsync("crm-dispatcher"));
        await using (var other = await second.TryAcquireAsync("another-kind-of-work"))
        {
            Assert.NotNull(other);
        }

        await held!.DisposeAsync();

        await using var taken = await second.TryAcquireAsync("crm-dispatcher");
        Assert.NotNull(taken);
    }

    [PostgresFact]
    public async Task AnInstanceWhoseConnectionEndsLearnsItLostTheLeaseAndAnotherTakesIt()
    {
        var first = new PostgresExclusiveLeases(database.Open());
        var second = new PostgresExclusiveLeases(database.Open());
        await using var held = await first.TryAcquireAsync("crm-dispatcher");

        // What a network cut or a crashed instance looks like to the server.
        await using (var connection = await database.OpenRawConnectionAsync())
        await using (var terminate = new NpgsqlCommand("""
            SELECT pg_terminate_backend(pid) FROM pg_locks
            WHERE locktype = 'advisory' AND granted AND classid = 1281712499 -- the leases' lock space, 0x4C656173
              AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """, (NpgsqlConnection)connection))
        {
            await terminate.ExecuteNonQueryAsync();
        }

        var lost = new TaskCompletionSource();
        held!.Lost.Register(lost.SetResult);
        await lost.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await using var taken = await second.TryAcquireAsync("crm-dispatcher");
        Assert.NotNull(taken);
    }
}
