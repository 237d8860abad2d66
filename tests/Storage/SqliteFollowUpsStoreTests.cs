using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Storage;

public sealed class SqliteFollowUpsStoreTests : FollowUpsStoreTests
{
    protected override Task<DatabaseUnderTest> CreateDatabaseAsync() => Task.FromResult<DatabaseUnderTest>(new SqliteUnderTest());
}
