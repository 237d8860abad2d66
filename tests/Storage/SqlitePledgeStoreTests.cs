using PledgeBot.Storage;
using PledgeBot.Storage.Sqlite;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Storage;

public sealed class SqlitePledgeStoreTests : IDisposable
{
    private const string Campaign = "stand-with-them";
    private const string Pledge = "not-on-my-screen";
    private readonly TempDatabase temp = new();
    private readonly SqlitePledgeStore store;

    private readonly PersonalDataProtector protector;

    public SqlitePledgeStoreTests()
    {
        protector = TestEncryption.ProtectorFor(temp.Folder);
        store = new SqlitePledgeStore(temp.Database, protector);
    }

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task TheCountGrowsWithEachDifferentEmail()
    {
        Assert.Equal(1, await CountAfterAsync(store, Signature("anna")));
        Assert.Equal(2, await CountAfterAsync(store, Signature("ben")));
        Assert.Equal(3, await CountAfterAsync(store, Signature("carla")));
        Assert.Equal(3, await store.CountAsync(Campaign, Pledge));
    }

    [Fact]
    public async Task PledgingAgainWithTheSameEmailIsNotCountedTwiceAndKeepsTheFirstSignature()
    {
        await CountAfterAsync(store, Signature("ben"));
        var first = await CountAfterAsync(store, Signature("anna", firstName: "Anna"));

        var again = await CountAfterAsync(store, Signature("anna", firstName: "Annie", person: "another-chat"));

        Assert.Equal(2, first);
        Assert.Equal(2, again);
        Assert.Equal(["Anna"], await FirstNamesStoredFor("email-key-anna"));
    }

    [Fact]
    public async Task ConcurrentPledgesAreAllCountedAndEachSignerGetsTheirOwnNumber()
    {
        var counts = await Task.WhenAll(Enumerable.Range(0, 40)
            .Select(i => Task.Run(() => CountAfterAsync(store, Signature($"person-{i}")))));

        Assert.Equal(40, await store.CountAsync(Campaign, Pledge));
        Assert.Equal(Enumerable.Range(1, 40), counts.Order());
    }

    [Fact]
    public async Task ConcurrentPledgesWithOneEmailCountOnce()
    {
        await Task.WhenAll(Enumerable.Range(0, 20)
            .Select(i => Task.Run(() => CountAfterAsync(store, Signature("anna", person: $"chat-{i}")))));

        Assert.Equal(1, await store.CountAsync(Campaign, Pledge));
    }

    [Fact]
    public async Task PledgesSurviveReopeningTheDatabase()
    {
        await CountAfterAsync(store, Signature("anna"));
        await CountAfterAsync(store, Signature("ben"));

        var reopened = new SqlitePledgeStore(temp.Reopen(), protector);

        Assert.Equal(2, await reopened.CountAsync(Campaign, Pledge));
        Assert.Equal(2, await CountAfterAsync(reopened, Signature("anna")));
    }

    [Fact]
    public async Task CountsAreKeptPerPledge()
    {
        await CountAfterAsync(store, Signature("anna"));
        await CountAfterAsync(store, Signature("ben"));

        Assert.Equal(1, await CountAfterAsync(store, Signature("anna") with { PledgeId = "clean-water" }));
        Assert.Equal(1, await CountAfterAsync(store, Signature("anna") with { CampaignId = "another-campaign" }));
        Assert.Equal(2, await store.CountAsync(Campaign, Pledge));
        Assert.Equal(0, await store.CountAsync(Campaign, "nobody-signed-this"));
    }

    private static PledgeSignature Signature(string who, string? firstName = null, string? person = null) => new(
        Campaign, Pledge, $"email-key-{who}", person ?? $"person-key-{who}", firstName ?? who, $"{who}@example.org",
        new ConsentGiven(new ConsentStatement(1, "statement-hash"), "en-GB", "test", new DateTimeOffset(2025, 11, 26, 12, 0, 0, TimeSpan.Zero)));

    private static async Task<int> CountAfterAsync(SqlitePledgeStore pledges, PledgeSignature signature) =>
        (await pledges.TakePledgeAsync(signature)).Count;

    private async Task<List<string>> FirstNamesStoredFor(string emailKey)
    {
        await using var connection = temp.OpenRawConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT first_name FROM pledges WHERE email_key = $key";
        command.Parameters.AddWithValue("$key", emailKey);
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(protector.Unprotect(reader.GetString(0))!);
        }

        return names;
    }
}
