using PledgeBot.Storage;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Storage;

/// <summary>The funnel's steps, once per person, on every database: each derived class runs these on one.</summary>
public abstract class FunnelStoreTests : IAsyncLifetime
{
    protected DatabaseUnderTest Database { get; private set; } = null!;

    protected IFunnelStore Funnel { get; private set; } = null!;

    protected abstract Task<DatabaseUnderTest> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        Database = await CreateDatabaseAsync();
        Funnel = Database.FunnelStore();
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();

    [StoreFact]
    public async Task EachStepCountsDistinctPeoplePerCampaignHoweverOftenTheyComeBack()
    {
        for (var visit = 0; visit < 3; visit++)
        {
            await Funnel.RecordAsync("running", FunnelStep.Joined, "person-a");
            await Funnel.RecordAsync("running", FunnelStep.ReadAStory, "person-a");
        }

        await Funnel.RecordAsync("running", FunnelStep.Joined, "person-b");
        await Funnel.RecordAsync("running", FunnelStep.Shared, "person-b");
        await Funnel.RecordAsync("other", FunnelStep.Joined, "person-a");

        Assert.Equal(new FunnelCounts(2, 1, 1), await Funnel.CountAsync("running"));
        Assert.Equal(new FunnelCounts(1, 0, 0), await Funnel.CountAsync("other"));
        Assert.Equal(new FunnelCounts(0, 0, 0), await Funnel.CountAsync("no-such-campaign"));
        Assert.Equal(5, await Database.CountAsync("SELECT count(*) FROM funnel_steps"));
    }

    [StoreFact]
    public async Task OnePersonReachingAStepFromManyChatsAtOnceIsOneRow()
    {
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Funnel.RecordAsync("running", FunnelStep.Joined, "person-a")));

        Assert.Equal(new FunnelCounts(1, 0, 0), await Funnel.CountAsync("running"));
        Assert.Equal(1, await Database.CountAsync("SELECT count(*) FROM funnel_steps"));
    }
}
