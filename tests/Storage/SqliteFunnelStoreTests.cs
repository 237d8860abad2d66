using PledgeBot.Storage;
using PledgeBot.Storage.Sqlite;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Storage;

public sealed class SqliteFunnelStoreTests : FunnelStoreTests
{
    private readonly SqliteUnderTest sqlite = new();

    protected override Task<DatabaseUnderTest> CreateDatabaseAsync() => Task.FromResult<DatabaseUnderTest>(sqlite);

    /// <summary>The funnel's rows under data retention: the counts stay, the person keys go.</summary>
    [Fact]
    public async Task RetentionKeepsTheCountsButNoPersonKeyOfTheEndedCampaign()
    {
        var funnel = Funnel;
        var temp = sqlite.Temp;
        await funnel.RecordAsync("ended", FunnelStep.Joined, "person-a");
        await funnel.RecordAsync("ended", FunnelStep.ReadAStory, "person-a");
        await funnel.RecordAsync("ended", FunnelStep.Joined, "person-b");
        await funnel.RecordAsync("running", FunnelStep.Joined, "person-a");

        await new SqliteRetentionStore(temp.Database, TimeProvider.System, []).ApplyAsync("ended");

        Assert.Equal(new FunnelCounts(2, 1, 0), await funnel.CountAsync("ended"));
        Assert.Equal(new FunnelCounts(1, 0, 0), await funnel.CountAsync("running"));
        await using var connection = temp.OpenRawConnection();
        await using var keys = connection.CreateCommand();
        keys.CommandText = "SELECT count(*) FROM funnel_steps WHERE person_key IN ('person-a', 'person-b')";
        Assert.Equal(1L, await keys.ExecuteScalarAsync());
    }
}
