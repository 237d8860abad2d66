using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Storage;

public sealed class SqliteFollowUpQueueStoreTests : FollowUpQueueStoreTests
{
    protected override Task<DatabaseUnderTest> CreateDatabaseAsync() => Task.FromResult<DatabaseUnderTest>(new SqliteUnderTest());
}
