using PledgeBot.Storage;
using PledgeBot.Storage.Postgres;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Storage;

public sealed class PostgresFunnelStoreTests : FunnelStoreTests, IRunsOnPostgres
{
    private PostgresUnderTest? shared;

    protected override async Task<DatabaseUnderTest> CreateDatabaseAsync() => shared = await PostgresUnderTest.CreateAsync();

    [PostgresFact]
    public async Task OnePersonReachingAStepOnTwoInstancesAtOnceIsOneRow()
    {
        IFunnelStore[] instances = [new PostgresFunnelStore(shared!.Open()), new PostgresFunnelStore(shared.Open())];

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => instances[i % 2].RecordAsync("running", FunnelStep.ReadAStory, $"person-{i / 4}")));

        Assert.Equal(new FunnelCounts(0, 10, 0), await instances[0].CountAsync("running"));
        Assert.Equal(10, await shared.CountAsync("SELECT count(*) FROM funnel_steps"));
    }
}
