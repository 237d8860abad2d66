using Microsoft.Extensions.Time.Testing;
using PledgeBot.Storage;
using PledgeBot.Storage.Sqlite;

namespace PledgeBot.Tests.Support;

/// <summary>
/// The pledge, confirmation email, personal data and CRM delivery stores over one real SQLite file, on a fake
/// clock, for storage tests of what a pledge sets off; and a signature of the seed campaign's pledge.
/// </summary>
public sealed class PledgeStoresOnFile : IDisposable
{
    public const string CampaignId = PledgeStores.CampaignId;
    public const string PledgeId = PledgeStores.PledgeId;

    public PledgeStoresOnFile()
    {
        var protector = TestEncryption.ProtectorFor(Temp.Folder);
        Pledges = new SqlitePledgeStore(Temp.Database, protector, Clock);
        Emails = new SqliteConfirmationEmailStore(Temp.Database, protector);
        PersonalData = new SqlitePersonalDataStore(Temp.Database, protector, Clock, []);
        CrmDeliveries = new SqliteCrmDeliveries(Temp.Database, protector);
    }

    public TempDatabase Temp { get; } = new();

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));

    public SqlitePledgeStore Pledges { get; }

    public SqliteConfirmationEmailStore Emails { get; }

    public SqlitePersonalDataStore PersonalData { get; }

    public SqliteCrmDeliveries CrmDeliveries { get; }

    /// <inheritdoc cref="PledgeStores.Signature"/>
    public static PledgeSignature Signature(string who) => PledgeStores.Signature(who);

    public void Dispose() => Temp.Dispose();
}
