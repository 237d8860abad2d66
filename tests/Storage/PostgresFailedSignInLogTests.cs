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
        IFailedSignInLog[] instances = [new PostgresFailedSignInLog(shared!.Open(), TimeProvider.System), new PostgresFailedSignInLog(shared.Open(), TimeProvider.System)];

        await Task.WhenAll(Enumerable.Range(0, 60).Select(i => instances[i % 2].RecordAsync("with the admin key")));

        // Both instances' clocks are the real one: at an hour's turn the failures may start a second line.
        var lines = await new PostgresAdminAuditLog(shared.Database, TimeProvider.System).ReadRecentAsync(10);
        Assert.InRange(lines.Count, 1, 2);
        Assert.Equal(60, lines.Sum(line => AdminAuditLines.FailedSignInCount(line.Action, AdminAuditLines.FailedSignInPrefix("with the admin key"))));
    }
}
