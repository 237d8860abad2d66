using PledgeBot.Storage;
using PledgeBot.Storage.Postgres;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Storage;

public sealed class PostgresPledgeStoreTests : PledgeStoreTests, IRunsOnPostgres
{
    private PostgresUnderTest? shared;

    protected override async Task<DatabaseUnderTest> CreateDatabaseAsync() => shared = await PostgresUnderTest.CreateAsync();

    /// <summary>Two instances of the bot, each with its own pool and writer, on one database.</summary>
    private (IPledgeStore First, IPledgeStore Second) TwoInstances() =>
        (new PostgresPledgeStore(shared!.Open(), Stores.Protector), new PostgresPledgeStore(shared.Open(), Stores.Protector));

    [PostgresFact]
    public async Task OneEmailSigningOnTwoInstancesAtOnceCountsOnceWithOneConsentRecord()
    {
        var (first, second) = TwoInstances();

        var receipts = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            (i % 2 == 0 ? first : second).TakePledgeAsync(Signature("anna", person: $"chat-{i}"))));

        Assert.All(receipts, receipt => Assert.Equal((1, receipts[0].RecordId), (receipt.Count, receipt.RecordId)));
        Assert.Equal(1, await shared!.CountAsync("SELECT count(*) FROM consent_records"));
        Assert.Equal(1, await shared.CountAsync("SELECT count(*) FROM crm_outbox"));
    }

    [PostgresFact]
    public async Task PeopleSigningOnTwoInstancesAtOnceAreAllCountedAndEachGetsTheirOwnNumber()
    {
        var (first, second) = TwoInstances();

        var counts = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            CountAfterAsync(i % 2 == 0 ? first : second, Signature($"person-{i}"))));

        Assert.Equal(Enumerable.Range(1, 40), counts.Order());
        Assert.Equal(40, await second.CountAsync(PledgeStores.CampaignId, PledgeStores.PledgeId));
    }
}
