using Microsoft.Extensions.Time.Testing;
using PledgeBot.Storage;
using PledgeBot.Storage.Postgres;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Storage;

public sealed class PostgresFailedSignInLogTests : FailedSignInLogTests, IRunsOnPostgres
{
    private PostgresUnderTest? shared;

    protected override async Task<DatabaseUnderTest> CreateDatabaseAsync() => shared = await PostgresUnderTest.CreateAsync();

    /// <summary>Someone guessing the admin key at two instances at once: still one line, every failure counted.</summary>
    [PostgresFact]
    public async Task FailuresAtTwoInstancesAtOnceAllCountOnOneLine()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 10, 5, 0, TimeSpan.Zero));
        IFailedSignInLog[] instances = [new PostgresFailedSignInLog(shared!.Open(), clock), new PostgresFailedSignInLog(shared.Open(), clock)];

        for (var round = 0; round < 5; round++)
        {
            await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => instances[i % 2].RecordAsync("with the admin key"))));
        }

        var line = Assert.Single(await new PostgresAdminAuditLog(shared.Database, clock).ReadRecentAsync(10));
        Assert.Equal("failed sign-in with the admin key (100 in this hour)", line.Action);
    }
}
