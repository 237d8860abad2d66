using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Storage;

public sealed class PostgresLanguageChoicesStoreTests : LanguageChoicesStoreTests, IRunsOnPostgres
{
    protected override async Task<DatabaseUnderTest> CreateDatabaseAsync() => await PostgresUnderTest.CreateAsync();
}
