using PledgeBot.Storage;
using PledgeBot.Storage.Postgres;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Storage;

public sealed class PostgresContentVersionsTests : ContentVersionsTests, IRunsOnPostgres
{
    private PostgresUnderTest? shared;

    protected override async Task<DatabaseUnderTest> CreateDatabaseAsync() => shared = await PostgresUnderTest.CreateAsync();

    /// <summary>Two admins, on two instances, publishing on top of the same running version at the same moment.</summary>
    [PostgresFact]
    public async Task OfTwoInstancesPublishingOnTheSameVersionAtOnceOneStoresTheNextNumberAndTheOtherNothing()
    {
        IContentVersions[] instances = [new PostgresContentVersions(shared!.Open()), new PostgresContentVersions(shared.Open())];
        long? running = null;

        for (var round = 1; round <= 10; round++)
        {
            var expected = running;
            var published = await Task.WhenAll(instances.Select((instance, i) => instance.PublishAsync(expected, $"{{\"round\":{round},\"by\":{i}}}", $"admin {i}", Noon)));

            var stored = Assert.Single(published, version => version is not null)!;
            Assert.Equal(round, stored.Number);
            Assert.Equal(stored, await instances[round % 2].ReadRunningAsync());
            running = stored.Number;
        }

        Assert.Equal(10, await shared.CountAsync("SELECT count(*) FROM content_versions"));
    }
}
