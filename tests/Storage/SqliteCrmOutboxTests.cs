using Microsoft.Extensions.Time.Testing;
using PledgeBot.Storage;
using PledgeBot.Storage.Sqlite;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Storage;

/// <summary>
/// The CRM outbox on a real SQLite file: every change a CRM must hear of writes one record in the
/// same transaction, a change that stores nothing writes none, and no record holds personal data.
/// </summary>
public sealed class SqliteCrmOutboxTests : IDisposable
{
    private const string Campaign = "stand-with-them";
    private const string Pledge = "not-on-my-screen";
    private readonly TempDatabase temp = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
    private readonly SqlitePledgeStore pledges;
    private readonly SqliteConfirmationEmailStore emails;
    private readonly SqlitePersonalDataStore personalData;

    public SqliteCrmOutboxTests()
    {
        var protector = TestEncryption.ProtectorFor(temp.Folder);
        pledges = new SqlitePledgeStore(temp.Database, protector, clock);
        emails = new SqliteConfirmationEmailStore(temp.Database, protector);
        personalData = new SqlitePersonalDataStore(temp.Database, protector, clock, []);
    }

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task AStoredPledgeWritesOneCreatedRecordAndTheSameEmailSigningAgainWritesNone()
    {
        var receipt = await pledges.TakePledgeAsync(Signature("anna"));
        await pledges.TakePledgeAsync(Signature("anna"));

        var record = Assert.Single(await RecordsAsync());
        Assert.Equal((CrmEvents.PledgeCreated, receipt.RecordId, Campaign, Pledge), (record.Event, record.PledgeRecordId, record.CampaignId, record.PledgeId));
    }

    [Fact]
    public async Task ConfirmingWritesOneConfirmedRecordHoweverOftenTheLinkIsOpened()
    {
        var receipt = await pledges.TakePledgeAsync(Signature("anna"));
        var link = (await emails.ReadDueAsync(clock.GetUtcNow(), 10))[0];
        await emails.MarkSentAsync(link.TokenId, clock.GetUtcNow(), clock.GetUtcNow().AddDays(7));

        await emails.ConfirmAsync(link.TokenId, clock.GetUtcNow());
        await emails.ConfirmAsync(link.TokenId, clock.GetUtcNow());

        Assert.Equal(
            [(CrmEvents.PledgeCreated, receipt.RecordId), (CrmEvents.PledgeConfirmed, receipt.RecordId)],
            (await RecordsAsync()).Select(r => (r.Event, r.PledgeRecordId)));
    }

    [Fact]
    public async Task StopWritesOneWithdrawnRecordPerPledgeOnce()
    {
        var first = await pledges.TakePledgeAsync(Signature("anna"));
        var second = await pledges.TakePledgeAsync(Signature("anna") with { PledgeId = "another-pledge" });

        await personalData.WithdrawContactAsync(Campaign, "person-key-anna", "test", clock.GetUtcNow());
        await personalData.WithdrawContactAsync(Campaign, "person-key-anna", "test", clock.GetUtcNow());

        var withdrawn = (await RecordsAsync()).Where(r => r.Event == CrmEvents.ContactWithdrawn).Select(r => r.PledgeRecordId);
        Assert.Equal(new[] { first.RecordId, second.RecordId }.Order(), withdrawn.Order());
    }

    [Fact]
    public async Task ForgettingAPersonWritesAnErasedRecordForEachOfTheirPledgesAndKeepsNothingPersonal()
    {
        var fromChat = await pledges.TakePledgeAsync(Signature("anna"));
        var sameEmailElsewhere = await pledges.TakePledgeAsync(Signature("anna") with { PledgeId = "another-pledge", PersonKey = "person-key-anna-in-teams" });
        await pledges.TakePledgeAsync(Signature("bea"));

        await personalData.ForgetPersonAsync("person-key-anna", "test");

        var erased = (await RecordsAsync()).Where(r => r.Event == CrmEvents.SupporterErased).Select(r => r.PledgeRecordId);
        Assert.Equal(new[] { fromChat.RecordId, sameEmailElsewhere.RecordId }.Order(), erased.Order());
        await using var connection = temp.OpenRawConnection();
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

    [Fact]
    public async Task AnEmailErasedByTheOperatorWritesAnErasedRecordForItsPledge()
    {
        var receipt = await pledges.TakePledgeAsync(Signature("anna"));

        await personalData.ForgetEmailAsync("email-key-anna", "operator");

        Assert.Contains((CrmEvents.SupporterErased, receipt.RecordId), (await RecordsAsync()).Select(r => (r.Event, r.PledgeRecordId)));
    }

    private static PledgeSignature Signature(string who) => new(
        Campaign, Pledge, $"email-key-{who}", $"person-key-{who}", who, $"{who}@example.org",
        new ConsentGiven(new ConsentStatement(1, "statement-hash"), "en-GB", "test", new DateTimeOffset(2026, 11, 26, 8, 55, 0, TimeSpan.Zero)),
        ConfirmEmail: true);

    private async Task<List<(string Event, string PledgeRecordId, string CampaignId, string PledgeId)>> RecordsAsync()
    {
        await using var connection = temp.OpenRawConnection();
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT event, pledge_record_id, campaign_id, pledge_id FROM crm_outbox ORDER BY rowid";
        await using var reader = await select.ExecuteReaderAsync();
        var records = new List<(string, string, string, string)>();
        while (await reader.ReadAsync())
        {
            records.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return records;
    }
}
