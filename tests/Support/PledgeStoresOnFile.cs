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
    public const string CampaignId = "stand-with-them";
    public const string PledgeId = "not-on-my-screen";

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

    /// <summary>A signature by <paramref name="who"/> (first name), keyed "email-key-{who}" and "person-key-{who}", asking for a confirmation email.</summary>
    public static PledgeSignature Signature(string who) => new(
        CampaignId, PledgeId, $"email-key-{who}", $"person-key-{who}", who, $"{who}@example.org",
        new ConsentGiven(new ConsentStatement(1, "statement-hash"), "en-GB", "test", new DateTimeOffset(2026, 11, 26, 8, 55, 0, TimeSpan.Zero)),
        ConfirmEmail: true);

    public void Dispose() => Temp.Dispose();
}
