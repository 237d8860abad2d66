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

    public SqlitePledgeStoreTests() => store = new SqlitePledgeStore(temp.Database);

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task TheCountGrowsWithEachDifferentEmail()
    {
        Assert.Equal(1, await store.TakePledgeAsync(Signature("anna")));
        Assert.Equal(2, await store.TakePledgeAsync(Signature("ben")));
        Assert.Equal(3, await store.TakePledgeAsync(Signature("carla")));
        Assert.Equal(3, await store.CountAsync(Campaign, Pledge));
    }

    [Fact]
    public async Task PledgingAgainWithTheSameEmailIsNotCountedTwiceAndKeepsTheFirstSignature()
    {
        await store.TakePledgeAsync(Signature("ben"));
        var first = await store.TakePledgeAsync(Signature("anna", firstName: "Anna"));

        var again = await store.TakePledgeAsync(Signature("anna", firstName: "Annie", person: "another-chat"));

        Assert.Equal(2, first);
        Assert.Equal(2, again);
        Assert.Equal(["Anna"], await FirstNamesStoredFor("email-key-anna"));
    }

    [Fact]
    public async Task ConcurrentPledgesAreAllCountedAndEachSignerGetsTheirOwnNumber()
    {
        var counts = await Task.WhenAll(Enumerable.Range(0, 40)
            .Select(i => Task.Run(() => store.TakePledgeAsync(Signature($"person-{i}")))));

        Assert.Equal(40, await store.CountAsync(Campaign, Pledge));
        Assert.Equal(Enumerable.Range(1, 40), counts.Order());
    }

    [Fact]
    public async Task ConcurrentPledgesWithOneEmailCountOnce()
    {
        await Task.WhenAll(Enumerable.Range(0, 20)
            .Select(i => Task.Run(() => store.TakePledgeAsync(Signature("anna", person: $"chat-{i}")))));

        Assert.Equal(1, await store.CountAsync(Campaign, Pledge));
    }

    [Fact]
    public async Task PledgesSurviveReopeningTheDatabase()
    {
        await store.TakePledgeAsync(Signature("anna"));
        await store.TakePledgeAsync(Signature("ben"));

        var reopened = new SqlitePledgeStore(temp.Reopen());

        Assert.Equal(2, await reopened.CountAsync(Campaign, Pledge));
        Assert.Equal(2, await reopened.TakePledgeAsync(Signature("anna")));
    }

    [Fact]
    public async Task CountsAreKeptPerPledge()
    {
        await store.TakePledgeAsync(Signature("anna"));
        await store.TakePledgeAsync(Signature("ben"));

        Assert.Equal(1, await store.TakePledgeAsync(Signature("anna") with { PledgeId = "clean-water" }));
        Assert.Equal(1, await store.TakePledgeAsync(Signature("anna") with { CampaignId = "another-campaign" }));
        Assert.Equal(2, await store.CountAsync(Campaign, Pledge));
        Assert.Equal(0, await store.CountAsync(Campaign, "nobody-signed-this"));
    }

    private static PledgeSignature Signature(string who, string? firstName = null, string? person = null) => new(
        Campaign, Pledge, $"email-key-{who}", person ?? $"person-key-{who}", firstName ?? who, $"{who}@example.org",
        new DateTimeOffset(2025, 11, 26, 12, 0, 0, TimeSpan.Zero));

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
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
