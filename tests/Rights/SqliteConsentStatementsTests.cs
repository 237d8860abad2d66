using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Rights;

public sealed class SqliteConsentStatementsTests : ConsentStatementsTests
{
    protected override Task<DatabaseUnderTest> CreateDatabaseAsync() => Task.FromResult<DatabaseUnderTest>(new SqliteUnderTest());
}
