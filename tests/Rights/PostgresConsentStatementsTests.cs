using PledgeBot.Storage.Postgres;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Rights;

public sealed class PostgresConsentStatementsTests : ConsentStatementsTests, IRunsOnPostgres
{
    private PostgresUnderTest? shared;

    protected override async Task<DatabaseUnderTest> CreateDatabaseAsync() => shared = await PostgresUnderTest.CreateAsync();

    /// <summary>Instances starting with a changed privacy statement register it at the same moment.</summary>
    [PostgresFact]
    public async Task TwoInstancesRegisteringTextsAtOnceNumberThemOneAfterTheOther()
    {
        var instances = new[] { new PostgresConsentStatements(shared!.Open(), TimeProvider.System), new PostgresConsentStatements(shared.Open(), TimeProvider.System) };
        // Texts of their own on each, and texts both register.
        var registrations = Enumerable.Range(0, 10).SelectMany(i => new[]
        {
            instances[0].RegisterAsync(Campaign, "en", $"Statement {i} of the first"),
            instances[1].RegisterAsync(Campaign, "en", $"Statement {i} of the second"),
            instances[i % 2].RegisterAsync(Campaign, "en", $"Statement {i} of both"),
            instances[(i + 1) % 2].RegisterAsync(Campaign, "en", $"Statement {i} of both"),
        });

        var statements = await Task.WhenAll(registrations);

        Assert.Equal(Enumerable.Range(1, 30), statements.Select(s => s.Version).Distinct().Order());
        Assert.All(statements.GroupBy(s => s.TextHash), sameText => Assert.Single(sameText.Distinct()));
        Assert.Equal(30, await shared.CountAsync("SELECT count(*) FROM consent_statements"));
    }
}
