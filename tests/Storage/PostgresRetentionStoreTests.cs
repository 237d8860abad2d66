using Npgsql;
using PledgeBot.Storage;
using PledgeBot.Storage.Postgres;
using PledgeBot.Tests.Support;
using static PledgeBot.Tests.Support.PledgeStores;

namespace PledgeBot.Tests.Storage;

public sealed class PostgresRetentionStoreTests : RetentionStoreTests, IRunsOnPostgres
{
    private PostgresUnderTest? shared;

    protected override async Task<DatabaseUnderTest> CreateDatabaseAsync() => shared = await PostgresUnderTest.CreateAsync();

    [PostgresFact]
    public async Task TwoInstancesRunningTheDailyRoundAtOnceTakeTheDataOnceAndLeaveOneLine()
    {
        await StoreCampaignAsync();
        IRetentionStore first = new PostgresRetentionStore(shared!.Open(), Stores.Clock, []), second = new PostgresRetentionStore(shared.Open(), Stores.Clock, []);

        var reports = await Task.WhenAll(first.ApplyAsync(CampaignId), second.ApplyAsync(CampaignId));

        // One round took everything; the other waited for it and found nothing.
        Assert.Single(reports, report => report.NothingFound);
        var taken = Assert.Single(reports, report => !report.NothingFound);
        Assert.Equal((3, 3, 1), (taken.PledgeCount, taken.ConsentRecordCount, taken.Votes));
        Assert.Equal(1, await shared.CountAsync("SELECT count(*) FROM erasures WHERE source = 'retention' AND votes = 1 AND pledges = 3 AND consent_records = 3"));
        Assert.Equal(1, await shared.CountAsync("SELECT count(*) FROM erasures"));
    }

    [PostgresFact]
    public async Task APledgeInProgressOnAnotherInstanceIsTakenWholeWithItsConsentRecord()
    {
        await StoreCampaignAsync();
        // Another instance's pledge, between its first statement and its commit, as PostgresPledgeStore writes one.
        await using var other = (NpgsqlConnection)await shared!.OpenRawConnectionAsync();
        await using var pledge = await other.BeginTransactionAsync();
        // PledgeChangeLock's key, 0x506C656467655772.
        await ExecuteAsync(other, "SELECT pg_advisory_xact_lock_shared(5795118302424815474)");

        var round = Retention.ApplyAsync(CampaignId);
        await Eventually.TrueAsync(
            async () => await shared.CountAsync("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted") == 1,
            "the round waits for the pledge in progress");
        await ExecuteAsync(other, $"""
            INSERT INTO pledges (campaign_id, pledge_id, email_key, person_key, first_name, email, consented_at, record_id, protection, consent_record_id)
            VALUES ('{CampaignId}', '{PledgeId}', 'email-key-erin', 'person-key-erin', 'Erin', 'erin@example.org', now(), 'pledge-of-erin', 0, 'consent-of-erin');
            INSERT INTO consent_records (record_id, pledge_record_id, campaign_id, person_key, statement_version, statement_hash, locale, channel, answer, recorded_at)
            VALUES ('consent-of-erin', 'pledge-of-erin', '{CampaignId}', 'person-key-erin', 1, 'statement-hash', 'en-GB', 'test', 'yes', now());
            """);
        await pledge.CommitAsync();
        var taken = await round;

        Assert.Equal(3, taken.Pledges.Single(p => p.PledgeId == PledgeId).Pledges);
        Assert.Equal(0, await shared.CountAsync($"SELECT count(*) FROM pledges WHERE campaign_id = '{CampaignId}' AND retained_at IS NULL"));
        Assert.Equal(1, await shared.CountAsync("SELECT count(*) FROM consent_records"));
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
