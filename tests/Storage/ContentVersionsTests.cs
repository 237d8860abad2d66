using System.Security.Cryptography;
using System.Text;
using PledgeBot.Storage;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Storage;

/// <summary>Published campaign content, on every database: each derived class runs these on one.</summary>
public abstract class ContentVersionsTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset Noon = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    protected DatabaseUnderTest Database { get; private set; } = null!;

    protected IContentVersions Versions { get; private set; } = null!;

    protected abstract Task<DatabaseUnderTest> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        Database = await CreateDatabaseAsync();
        Versions = Database.ContentVersions();
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();

    [StoreFact]
    public async Task WithNothingPublishedTheContentFileRuns()
    {
        Assert.Null(await Versions.ReadRunningAsync());
    }

    [StoreFact]
    public async Task APublishedVersionRunsWithTheHashOfItsExactText()
    {
        // Spacing and key order as the admin sent them: the hash is of this text, not of a re-serialisation.
        const string json = "{ \"id\": \"stand-with-them\",\n  \"title\": \"Stand with them — now\" }";

        var published = await Versions.PublishAsync(null, json, "admin key", Noon);

        var expected = new StoredContentVersion(1, Noon, "admin key", json, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json))));
        Assert.Equal(expected, published);
        Assert.Equal(expected, await Versions.ReadRunningAsync());
        Assert.Equal(expected, await Database.ReopenedContentVersions().ReadRunningAsync());
    }

    [StoreFact]
    public async Task EachPublishOnTopOfTheRunningVersionIsNumberedOneHigher()
    {
        var first = await Versions.PublishAsync(null, "{\"v\":1}", "admin key", Noon);
        var second = await Versions.PublishAsync(first!.Number, "{\"v\":2}", "ada@example.org", Noon.AddMinutes(1));

        Assert.Equal((1L, 2L), (first.Number, second!.Number));
        Assert.Equal("{\"v\":2}", (await Versions.ReadRunningAsync())!.Json);
    }

    [StoreFact]
    public async Task APublishThatDidNotSeeTheRunningVersionStoresNothing()
    {
        var running = await Versions.PublishAsync(null, "{\"v\":1}", "admin key", Noon);

        Assert.Null(await Versions.PublishAsync(null, "{\"stale\":true}", "ada@example.org", Noon));
        Assert.Null(await Versions.PublishAsync(running!.Number + 1, "{\"stale\":true}", "ada@example.org", Noon));

        Assert.Equal(running, await Versions.ReadRunningAsync());
        Assert.Equal(1, await Database.CountAsync("SELECT count(*) FROM content_versions"));
    }

    [StoreFact]
    public async Task WithdrawingEveryVersionLetsTheFileRunAndTheNextPublishGetsANewNumber()
    {
        var first = await Versions.PublishAsync(null, "{\"v\":1}", "admin key", Noon);
        await Versions.PublishAsync(first!.Number, "{\"v\":2}", "admin key", Noon);

        Assert.Equal(2, await Versions.WithdrawAllAsync(Noon.AddHours(1)));
        Assert.Null(await Versions.ReadRunningAsync());
        Assert.Equal(0, await Versions.WithdrawAllAsync(Noon.AddHours(2)));
        Assert.Null(await Versions.PublishAsync(2, "{\"v\":3}", "admin key", Noon.AddHours(3)));

        var afterWithdrawal = await Versions.PublishAsync(null, "{\"v\":3}", "admin key", Noon.AddHours(3));
        Assert.Equal(3, afterWithdrawal!.Number);
    }
}
