using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Storage;

public sealed class SqliteConfirmationEmailStoreTests : ConfirmationEmailQueueTests
{
    protected override Task<DatabaseUnderTest> CreateDatabaseAsync() => Task.FromResult<DatabaseUnderTest>(new SqliteUnderTest());
}
