using PledgeBot.Storage;
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
        var texts = Enumerable.Range(0, 10).Select(i => $"Statement {i}").ToList();

        var statements = await Task.WhenAll(texts.SelectMany(text => instances.Select(instance => instance.RegisterAsync(Campaign, text))));

        Assert.Equal(Enumerable.Range(1, 10), statements.Select(s => s.Version).Distinct().Order());
        Assert.All(statements.GroupBy(s => s.TextHash), sameText => Assert.Single(sameText.Distinct()));
        Assert.Equal(10, await shared.CountAsync("SELECT count(*) FROM consent_statements"));
    }
}
