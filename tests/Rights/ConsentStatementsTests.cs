using Microsoft.Extensions.Time.Testing;
using PledgeBot.Storage;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Rights;

/// <summary>Every consent statement shown, kept word for word with its language and a version per campaign and language, on every database.</summary>
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
        var first = await Statements.RegisterAsync(Campaign, "en", "We keep your name and email.");
        var changed = await Statements.RegisterAsync(Campaign, "en", "We keep your name, your email and your pledge's time.");
        var firstAgain = await Statements.RegisterAsync(Campaign, "en", "We keep your name and email.");

        Assert.Equal(new ConsentStatement("en", 1, ConsentStatement.HashOf("We keep your name and email.")), first);
        Assert.Equal(2, changed.Version);
        Assert.Equal(first, firstAgain);
        Assert.Equal(2, await database.CountAsync("SELECT count(*) FROM consent_statements"));
        Assert.Equal(1, await database.CountAsync("SELECT count(*) FROM consent_statements WHERE version = 1 AND text = 'We keep your name and email.'"));
    }

    [StoreFact]
    public async Task EachCampaignNumbersItsOwnStatements()
    {
        await Statements.RegisterAsync(Campaign, "en", "We keep your name and email.");

        var elsewhere = await Statements.RegisterAsync("another-campaign", "en", "Another campaign's words.");

        Assert.Equal(1, elsewhere.Version);
    }

    [StoreFact]
    public async Task EachLanguageNumbersItsOwnStatementsFromOne()
    {
        var english = await Statements.RegisterAsync(Campaign, "en", "We keep your name and email.");
        var englishChanged = await Statements.RegisterAsync(Campaign, "en", "We keep your name, your email and your pledge's time.");
        var french = await Statements.RegisterAsync(Campaign, "fr", "Nous gardons votre prénom et votre e-mail.");
        var frenchChanged = await Statements.RegisterAsync(Campaign, "fr", "Nous gardons votre prénom, votre e-mail et l'heure de votre engagement.");
        var frenchAgain = await Statements.RegisterAsync(Campaign, "fr", "Nous gardons votre prénom et votre e-mail.");

        Assert.Equal(("en", 1), (english.Language, english.Version));
        Assert.Equal(("en", 2), (englishChanged.Language, englishChanged.Version));
        Assert.Equal(new ConsentStatement("fr", 1, ConsentStatement.HashOf("Nous gardons votre prénom et votre e-mail.")), french);
        Assert.Equal(("fr", 2), (frenchChanged.Language, frenchChanged.Version));
        Assert.Equal(french, frenchAgain);
        Assert.Equal(1, await database.CountAsync("SELECT count(*) FROM consent_statements WHERE language = 'fr' AND version = 1 AND text = 'Nous gardons votre prénom et votre e-mail.'"));
    }

    [StoreFact]
    public async Task TheSameWordsShownInTwoLanguagesAreAStatementInEach()
    {
        // A translation that lacks its privacy statement shows the default language's words.
        await Statements.RegisterAsync(Campaign, "en", "We keep your name and email.");
        await Statements.RegisterAsync(Campaign, "en", "We keep your name, your email and your pledge's time.");

        var inSwahili = await Statements.RegisterAsync(Campaign, "sw", "We keep your name and email.");

        Assert.Equal(new ConsentStatement("sw", 1, ConsentStatement.HashOf("We keep your name and email.")), inSwahili);
        Assert.Equal(3, await database.CountAsync("SELECT count(*) FROM consent_statements"));
    }

    [StoreFact]
    public async Task TextsRegisteredAtOnceGetOneVersionEach()
    {
        var texts = Enumerable.Range(0, 10).Select(i => $"Statement {i}").ToList();

        var statements = await Task.WhenAll(texts.Concat(texts).Select(text => Task.Run(() => Statements.RegisterAsync(Campaign, "en", text))));

        Assert.Equal(Enumerable.Range(1, 10), statements.Select(s => s.Version).Distinct().Order());
        Assert.Equal(10, statements.DistinctBy(s => s.TextHash).Count());
        Assert.All(statements.GroupBy(s => s.TextHash), sameText => Assert.Single(sameText.Distinct()));
    }
}
