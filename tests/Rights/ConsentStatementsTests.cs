using Microsoft.Extensions.Time.Testing;
using PledgeBot.Storage;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Rights;

/// <summary>Every consent statement shown, kept word for word with a version per campaign, on every database.</summary>
public abstract class ConsentStatementsTests : IAsyncLifetime
{
    protected const string Campaign = "stand-with-them";
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
    private DatabaseUnderTest database = null!;

    protected abstract Task<DatabaseUnderTest> CreateDatabaseAsync();

    protected IConsentStatements Statements { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        database = await CreateDatabaseAsync();
        Statements = database.ConsentStatements(clock);
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [StoreFact]
    public async Task ANewTextGetsTheNextVersionAndATextSeenBeforeKeepsItsOwn()
    {
        var first = await Statements.RegisterAsync(Campaign, "We keep your name and email.");
        var changed = await Statements.RegisterAsync(Campaign, "We keep your name, your email and your pledge's time.");
        var firstAgain = await Statements.RegisterAsync(Campaign, "We keep your name and email.");

        Assert.Equal(new ConsentStatement(1, ConsentStatement.HashOf("We keep your name and email.")), first);
        Assert.Equal(2, changed.Version);
        Assert.Equal(first, firstAgain);
        Assert.Equal(2, await database.CountAsync("SELECT count(*) FROM consent_statements"));
        Assert.Equal(1, await database.CountAsync("SELECT count(*) FROM consent_statements WHERE version = 1 AND text = 'We keep your name and email.'"));
    }

    [StoreFact]
    public async Task EachCampaignNumbersItsOwnStatements()
    {
        await Statements.RegisterAsync(Campaign, "We keep your name and email.");

        var elsewhere = await Statements.RegisterAsync("another-campaign", "Another campaign's words.");

        Assert.Equal(1, elsewhere.Version);
    }

    [StoreFact]
    public async Task TextsRegisteredAtOnceGetOneVersionEach()
    {
        var texts = Enumerable.Range(0, 10).Select(i => $"Statement {i}").ToList();

        var statements = await Task.WhenAll(texts.Concat(texts).Select(text => Task.Run(() => Statements.RegisterAsync(Campaign, text))));

        Assert.Equal(Enumerable.Range(1, 10), statements.Select(s => s.Version).Distinct().Order());
        Assert.Equal(10, statements.DistinctBy(s => s.TextHash).Count());
        Assert.All(statements.GroupBy(s => s.TextHash), sameText => Assert.Single(sameText.Distinct()));
    }
}
