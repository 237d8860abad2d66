using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Storage;

public sealed class PostgresFollowUpsStoreTests : FollowUpsStoreTests, IRunsOnPostgres
{
    protected override async Task<DatabaseUnderTest> CreateDatabaseAsync() => await PostgresUnderTest.CreateAsync();
}
