using Npgsql;
using PledgeBot.Storage;
using PledgeBot.Storage.Postgres;
using PledgeBot.Tests.Support;
using static PledgeBot.Tests.Support.PledgeStores;

namespace PledgeBot.Tests.Storage;

public sealed class PostgresCrmDeliveriesTests : CrmDeliveriesTests, IRunsOnPostgres
{
    private PostgresUnderTest? shared;

    protected override async Task<DatabaseUnderTest> CreateDatabaseAsync() => shared = await PostgresUnderTest.CreateAsync();

    [PostgresFact]
    public async Task TwoInstancesPreparingWhilePeoplePledgeGiveEachRecordExactlyOneDeliveryPerCrm()
    {
        ICrmDeliveries[] instances = [new PostgresCrmDeliveries(shared!.Open(), Stores.Protector), new PostgresCrmDeliveries(shared.Open(), Stores.Protector)];
        var seen = new long[2];

        async Task PrepareOnAsync(int instance) => seen[instance] = await instances[instance].PrepareAsync(TwoCrms, seen[instance]);

        await Task.WhenAll(Enumerable.Range(0, 30).Select(i => i % 3 == 0
            ? PrepareOnAsync(i % 2)
            : Stores.Pledges.TakePledgeAsync(Signature($"person-{i}"))));
        await Task.WhenAll(PrepareOnAsync(0), PrepareOnAsync(1));

        Assert.Equal(20, await shared.CountAsync("SELECT count(*) FROM crm_outbox"));
        Assert.Equal(0, await shared.CountAsync("""
            SELECT count(*) FROM crm_outbox o
            WHERE (SELECT count(*) FROM crm_deliveries d WHERE d.record_id = o.record_id AND d.destination = 'webhook') <> 1
               OR (SELECT count(*) FROM crm_deliveries d WHERE d.record_id = o.record_id AND d.destination = 'mailchimp') <> 1
            """));
        Assert.Equal(40, await shared.CountAsync("SELECT count(*) FROM crm_deliveries"));
    }

    [PostgresFact]
    public async Task ARecordCommittedByAnotherInstanceWhileAPrepareRunsIsPreparedByTheNextCall()
    {
        // Another instance's transaction takes its record's number, then commits after a later one:
        // a cursor over the numbers would pass over it for good.
        await using var other = (NpgsqlConnection)await shared!.OpenRawConnectionAsync();
        await using var transaction = await other.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO crm_outbox (record_id, event, pledge_record_id, campaign_id, pledge_id, created_at)
            VALUES ('committed-late', @event, 'pledge-of-another-instance', @campaign, @pledge, @at)
            """, other, transaction))
        {
            insert.Parameters.AddWithValue("event", CrmEvents.PledgeCreated);
            insert.Parameters.AddWithValue("campaign", CampaignId);
            insert.Parameters.AddWithValue("pledge", PledgeId);
            insert.Parameters.AddWithValue("at", Stores.Clock.GetUtcNow());
            await insert.ExecuteNonQueryAsync();
        }

        await Stores.Pledges.TakePledgeAsync(Signature("anna"));
        var seen = await Stores.CrmDeliveries.PrepareAsync(["webhook"], 0);
        Assert.Equal(1, await shared.CountAsync("SELECT count(*) FROM crm_deliveries"));

        await transaction.CommitAsync();
        await Stores.CrmDeliveries.PrepareAsync(["webhook"], seen);

        Assert.Equal(1, await shared.CountAsync("SELECT count(*) FROM crm_deliveries WHERE record_id = 'committed-late' AND state = 'pending'"));
        Assert.Equal(2, (await Stores.CrmDeliveries.CountAsync("webhook")).Pending);
    }
}
