using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Storage;

public sealed class SqliteCrmDeliveriesTests : CrmDeliveriesTests
{
    protected override Task<DatabaseUnderTest> CreateDatabaseAsync() => Task.FromResult<DatabaseUnderTest>(new SqliteUnderTest());
}
