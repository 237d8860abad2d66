using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.FollowUps;

public sealed class PostgresFollowUpWithdrawalStoreTests : FollowUpWithdrawalStoreTests, IRunsOnPostgres
{
    protected override async Task<DatabaseUnderTest> CreateDatabaseAsync() => await PostgresUnderTest.CreateAsync();
}
