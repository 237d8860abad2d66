using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Rights;

public sealed class SqliteErasureStoreTests : ErasureStoreTests
{
    protected override Task<DatabaseUnderTest> CreateDatabaseAsync() => Task.FromResult<DatabaseUnderTest>(new SqliteUnderTest());
}
