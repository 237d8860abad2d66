using Microsoft.Extensions.Time.Testing;
using PledgeBot.Storage;

namespace PledgeBot.Tests.Support;

/// <summary>
/// The pledge, confirmation email, personal data and CRM delivery stores over one database of either kind, on a
/// fake clock, with real encryption keys in a folder of their own; and a signature of the seed
/// campaign's pledge.
/// </summary>
public sealed class PledgeStores : IAsyncDisposable
{
    public const string CampaignId = "stand-with-them";
    public const string PledgeId = "not-on-my-screen";
    private readonly TempFolder keys = new();

    public PledgeStores(DatabaseUnderTest database)
    {
        Database = database;
        Protector = TestEncryption.ProtectorFor(keys.Path);
        Pledges = database.PledgeStore(Protector, Clock);
        Emails = database.ConfirmationEmailQueue(Protector);
        PersonalData = database.PersonalDataStore(Protector, Clock);
        CrmDeliveries = database.CrmDeliveries(Protector);
    }

    public DatabaseUnderTest Database { get; }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));

    public PersonalDataProtector Protector { get; }

    public IPledgeStore Pledges { get; }

    public IConfirmationEmailQueue Emails { get; }

    public IPersonalDataStore PersonalData { get; }

    public ICrmDeliveries CrmDeliveries { get; }

    /// <summary>A signature by <paramref name="who"/> (first name), keyed "email-key-{who}" and "person-key-{who}", asking for a confirmation email.</summary>
    public static PledgeSignature Signature(string who) => new(
        CampaignId, PledgeId, $"email-key-{who}", $"person-key-{who}", who, $"{who}@example.org",
        new ConsentGiven(new ConsentStatement("en", 1, "statement-hash"), "en-GB", "test", new DateTimeOffset(2026, 11, 26, 8, 55, 0, TimeSpan.Zero)),
        ConfirmEmail: true);

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        keys.Dispose();
    }
}
