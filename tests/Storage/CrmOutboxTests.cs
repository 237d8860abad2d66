using PledgeBot.Storage;
using PledgeBot.Tests.Support;
using static PledgeBot.Tests.Support.PledgeStores;

namespace PledgeBot.Tests.Storage;

/// <summary>
/// The CRM outbox on every database: every change a CRM must hear of writes one record in the
/// same transaction, a change that stores nothing writes none, and no record holds personal data.
/// </summary>
public abstract class CrmOutboxTests : IAsyncLifetime
{
    private PledgeStores stores = null!;

    protected abstract Task<DatabaseUnderTest> CreateDatabaseAsync();

    public async Task InitializeAsync() => stores = new PledgeStores(await CreateDatabaseAsync());

    public async Task DisposeAsync() => await stores.DisposeAsync();

    [StoreFact]
    public async Task AStoredPledgeWritesOneCreatedRecordAndTheSameEmailSigningAgainWritesNone()
    {
        var receipt = await stores.Pledges.TakePledgeAsync(Signature("anna"));
        await stores.Pledges.TakePledgeAsync(Signature("anna"));

        var record = Assert.Single(await RecordsAsync());
        Assert.Equal((CrmEvents.PledgeCreated, receipt.RecordId, CampaignId, PledgeId), (record.Event, record.PledgeRecordId, record.CampaignId, record.PledgeId));
    }

    [StoreFact]
    public async Task ConfirmingWritesOneConfirmedRecordHoweverOftenTheLinkIsOpened()
    {
        var receipt = await stores.Pledges.TakePledgeAsync(Signature("anna"));
        var link = (await stores.Emails.ClaimDueAsync(stores.Clock.GetUtcNow(), 10))[0];
        await stores.Emails.MarkSentAsync(link.TokenId, stores.Clock.GetUtcNow(), stores.Clock.GetUtcNow().AddDays(7));
        stores.Clock.Advance(TimeSpan.FromMinutes(1));

        await stores.Emails.ConfirmAsync(link.TokenId, stores.Clock.GetUtcNow());
        await stores.Emails.ConfirmAsync(link.TokenId, stores.Clock.GetUtcNow());

        Assert.Equal(
            [(CrmEvents.PledgeCreated, receipt.RecordId), (CrmEvents.PledgeConfirmed, receipt.RecordId)],
            (await RecordsAsync()).Select(r => (r.Event, r.PledgeRecordId)));
    }

    [StoreFact]
    public async Task StopWritesOneWithdrawnRecordPerPledgeOnce()
    {
        var first = await stores.Pledges.TakePledgeAsync(Signature("anna"));
        var second = await stores.Pledges.TakePledgeAsync(Signature("anna") with { PledgeId = "another-pledge" });

        await stores.PersonalData.WithdrawContactAsync(CampaignId, "person-key-anna", "test", stores.Clock.GetUtcNow());
        await stores.PersonalData.WithdrawContactAsync(CampaignId, "person-key-anna", "test", stores.Clock.GetUtcNow());

        var withdrawn = (await RecordsAsync()).Where(r => r.Event == CrmEvents.ContactWithdrawn).Select(r => r.PledgeRecordId);
        Assert.Equal(new[] { first.RecordId, second.RecordId }.Order(), withdrawn.Order());
    }

    [StoreFact]
    public async Task ForgettingAPersonWritesAnErasedRecordForEachOfTheirPledgesAndKeepsNothingPersonal()
    {
        var fromChat = await stores.Pledges.TakePledgeAsync(Signature("anna"));
        var sameEmailElsewhere = await stores.Pledges.TakePledgeAsync(Signature("anna") with { PledgeId = "another-pledge", PersonKey = "person-key-anna-in-teams" });
        await stores.Pledges.TakePledgeAsync(Signature("bea"));

        await stores.PersonalData.ForgetPersonAsync("person-key-anna", "test");

        var erased = (await RecordsAsync()).Where(r => r.Event == CrmEvents.SupporterErased).Select(r => r.PledgeRecordId);
        Assert.Equal(new[] { fromChat.RecordId, sameEmailElsewhere.RecordId }.Order(), erased.Order());
        await using var connection = await stores.Database.OpenRawConnectionAsync();
        await using var everything = connection.CreateCommand();
        everything.CommandText = "SELECT * FROM crm_outbox";
        await using var reader = await everything.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var value = reader.GetValue(i).ToString()!;
                Assert.DoesNotContain("anna", value, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("@example.org", value, StringComparison.Ordinal);
            }
        }
    }

    [StoreFact]
    public async Task AnEmailErasedByTheOperatorWritesAnErasedRecordForItsPledge()
    {
        var receipt = await stores.Pledges.TakePledgeAsync(Signature("anna"));

        await stores.PersonalData.ForgetEmailAsync("email-key-anna", "operator");

        Assert.Contains((CrmEvents.SupporterErased, receipt.RecordId), (await RecordsAsync()).Select(r => (r.Event, r.PledgeRecordId)));
    }

    private async Task<List<(string Event, string PledgeRecordId, string CampaignId, string PledgeId)>> RecordsAsync()
    {
        await using var connection = await stores.Database.OpenRawConnectionAsync();
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT event, pledge_record_id, campaign_id, pledge_id FROM crm_outbox ORDER BY created_at";
        await using var reader = await select.ExecuteReaderAsync();
        var records = new List<(string, string, string, string)>();
        while (await reader.ReadAsync())
        {
            records.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return records;
    }
}
