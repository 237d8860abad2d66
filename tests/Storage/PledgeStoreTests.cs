using PledgeBot.Storage;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Storage;

/// <summary>Pledges counted once per email per pledge, on every database: each derived class runs these on one.</summary>
public abstract class PledgeStoreTests : IAsyncLifetime
{
    private const string Campaign = PledgeStores.CampaignId;
    private const string Pledge = PledgeStores.PledgeId;
    private PledgeStores stores = null!;

    protected abstract Task<DatabaseUnderTest> CreateDatabaseAsync();

    protected PledgeStores Stores => stores;

    protected IPledgeStore Store => stores.Pledges;

    public async Task InitializeAsync() => stores = new PledgeStores(await CreateDatabaseAsync());

    public async Task DisposeAsync() => await stores.DisposeAsync();

    [StoreFact]
    public async Task TheCountGrowsWithEachDifferentEmail()
    {
        Assert.Equal(1, await CountAfterAsync(Store, Signature("anna")));
        Assert.Equal(2, await CountAfterAsync(Store, Signature("ben")));
        Assert.Equal(3, await CountAfterAsync(Store, Signature("carla")));
        Assert.Equal(3, await Store.CountAsync(Campaign, Pledge));
    }

    [StoreFact]
    public async Task PledgingAgainWithTheSameEmailIsNotCountedTwiceAndKeepsTheFirstSignature()
    {
        await CountAfterAsync(Store, Signature("ben"));
        var first = await Store.TakePledgeAsync(Signature("anna", firstName: "Anna"));

        var again = await Store.TakePledgeAsync(Signature("anna", firstName: "Annie", person: "another-chat"));

        Assert.Equal(2, first.Count);
        Assert.Equal(2, again.Count);
        Assert.Equal(first.RecordId, again.RecordId);
        Assert.Equal(["Anna"], await FirstNamesStoredFor("email-key-anna"));
        Assert.Equal(1, await stores.Database.CountAsync("SELECT count(*) FROM consent_records WHERE person_key = 'person-key-anna'"));
        Assert.Equal(0, await stores.Database.CountAsync("SELECT count(*) FROM consent_records WHERE person_key = 'another-chat'"));
    }

    [StoreFact]
    public async Task ThePledgeKeepsItsConsentRecordAndItsNameAndEmailOnlyEncrypted()
    {
        var receipt = await Store.TakePledgeAsync(Signature("zephyrine"));

        await using var connection = await stores.Database.OpenRawConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT p.first_name, p.email, c.statement_version, c.statement_hash, c.locale, c.channel, c.answer
            FROM pledges p JOIN consent_records c ON c.record_id = p.consent_record_id AND c.pledge_record_id = p.record_id
            """;
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.DoesNotContain("zephyrine", reader.GetString(0) + reader.GetString(1), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("zephyrine", stores.Protector.Unprotect(reader.GetString(0)));
        Assert.Equal("zephyrine@example.org", stores.Protector.Unprotect(reader.GetString(1)));
        Assert.Equal((1, "statement-hash", "en-GB", "test", "yes"), (reader.GetInt32(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6)));
        Assert.False(await reader.ReadAsync());
        Assert.False(receipt.Confirmed);
    }

    [StoreFact]
    public async Task ConcurrentPledgesAreAllCountedAndEachSignerGetsTheirOwnNumber()
    {
        var counts = await Task.WhenAll(Enumerable.Range(0, 40)
            .Select(i => Task.Run(() => CountAfterAsync(Store, Signature($"person-{i}")))));

        Assert.Equal(40, await Store.CountAsync(Campaign, Pledge));
        Assert.Equal(Enumerable.Range(1, 40), counts.Order());
    }

    [StoreFact]
    public async Task ConcurrentPledgesWithOneEmailCountOnce()
    {
        await Task.WhenAll(Enumerable.Range(0, 20)
            .Select(i => Task.Run(() => CountAfterAsync(Store, Signature("anna", person: $"chat-{i}")))));

        Assert.Equal(1, await Store.CountAsync(Campaign, Pledge));
        Assert.Equal(1, await stores.Database.CountAsync("SELECT count(*) FROM consent_records"));
    }

    [StoreFact]
    public async Task PledgesSurviveReopeningTheDatabase()
    {
        await CountAfterAsync(Store, Signature("anna"));
        await CountAfterAsync(Store, Signature("ben"));

        var reopened = stores.Database.ReopenedPledgeStore(stores.Protector, stores.Clock);

        Assert.Equal(2, await reopened.CountAsync(Campaign, Pledge));
        Assert.Equal(2, await CountAfterAsync(reopened, Signature("anna")));
    }

    [StoreFact]
    public async Task CountsAreKeptPerPledge()
    {
        await CountAfterAsync(Store, Signature("anna"));
        await CountAfterAsync(Store, Signature("ben"));

        Assert.Equal(1, await CountAfterAsync(Store, Signature("anna") with { PledgeId = "clean-water" }));
        Assert.Equal(1, await CountAfterAsync(Store, Signature("anna") with { CampaignId = "another-campaign" }));
        Assert.Equal(2, await Store.CountAsync(Campaign, Pledge));
        Assert.Equal(0, await Store.CountAsync(Campaign, "nobody-signed-this"));
        Assert.Equal(new PledgeCounts(0, 0), await Store.GetCountsAsync(Campaign, "nobody-signed-this"));
    }

    protected static PledgeSignature Signature(string who, string? firstName = null, string? person = null) =>
        PledgeStores.Signature(who) with { FirstName = firstName ?? who, PersonKey = person ?? $"person-key-{who}", ConfirmEmail = false };

    protected static async Task<int> CountAfterAsync(IPledgeStore pledges, PledgeSignature signature) =>
        (await pledges.TakePledgeAsync(signature)).Count;

    private async Task<List<string>> FirstNamesStoredFor(string emailKey)
    {
        await using var connection = await stores.Database.OpenRawConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT first_name FROM pledges WHERE email_key = @key";
        var key = command.CreateParameter();
        key.ParameterName = "key";
        key.Value = emailKey;
        command.Parameters.Add(key);
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(stores.Protector.Unprotect(reader.GetString(0))!);
        }

        return names;
    }
}
