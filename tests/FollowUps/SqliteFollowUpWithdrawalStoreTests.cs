using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.FollowUps;

public sealed class SqliteFollowUpWithdrawalStoreTests : FollowUpWithdrawalStoreTests
{
    protected override Task<DatabaseUnderTest> CreateDatabaseAsync() => Task.FromResult<DatabaseUnderTest>(new SqliteUnderTest());
}
