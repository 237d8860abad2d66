using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Storage;

public sealed class PostgresFollowUpQueueStoreTests : FollowUpQueueStoreTests, IRunsOnPostgres
{
    protected override async Task<DatabaseUnderTest> CreateDatabaseAsync() => await PostgresUnderTest.CreateAsync();
}
