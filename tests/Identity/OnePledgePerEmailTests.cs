using PledgeBot.Dialogs.Conversation;
using PledgeBot.Dialogs.Identity;
using PledgeBot.Storage;
using PledgeBot.Storage.Sqlite;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Identity;

/// <summary>One pledge is one email address: written differently, it is still the same address.</summary>
public sealed class OnePledgePerEmailTests : IDisposable
{
    private const string Campaign = "stand-with-them";
    private const string Pledge = "not-on-my-screen";

    private readonly PersonKeyHasher hasher = new(BotUnderTest.Secret);
    private readonly TempDatabase temp = new();

    [Theory]
    [InlineData("anna\u200B@example.org")] // zero-width space
    [InlineData("\uFEFFanna@example.org")] // byte order mark
    [InlineData("an\u00ADna@example.org")] // soft hyphen
    [InlineData("\u202Eanna@example.org\u202C")] // bidi override
    [InlineData("anna@example.org\u2028")] // line separator
    [InlineData("ANNA@Example.ORG")] // case
    [InlineData("\uFF41\uFF4E\uFF4E\uFF41@example.org")] // full-width letters
    public void AnAddressWithInvisibleCharactersCaseOrWidthHasTheSameKey(string typed) =>
        Assert.Equal(hasher.EmailKey("anna@example.org"), hasher.EmailKey(typed));

    [Theory]
    [InlineData("jos\u00E9@example.org", "jose\u0301@example.org")] // NFC and NFD
    [InlineData("anna@b\u00FCcher.example", "anna@xn--bcher-kva.example")] // Unicode and punycode domain
    [InlineData("anna@B\u00DCCHER.example", "anna@bu\u0308cher.example")]
    public void OneAddressInTwoUnicodeFormsHasOneKey(string one, string other) =>
        Assert.Equal(hasher.EmailKey(one), hasher.EmailKey(other));

    [Theory]
    [InlineData("anna@example.org", "ana@example.org")]
    [InlineData("anna@example.org", "anna+pledge@example.org")]
    [InlineData("anna@example.org", "anna@example.com")]
    [InlineData("jos\u00E9@example.org", "jose@example.org")]
    [InlineData("k\u0131l\u0131c@example.org", "kilic@example.org")] // the Turkish dotless i is another letter
    public void DifferentAddressesKeepDifferentKeys(string one, string other) =>
        Assert.NotEqual(hasher.EmailKey(one), hasher.EmailKey(other));

    [Fact]
    public async Task SignaturesThatDifferOnlyByInvisibleCharactersCaseOrNormalisationAreOnePledge()
    {
        var protector = TestEncryption.ProtectorFor(temp.Folder);
        var store = new SqlitePledgeStore(temp.Database, protector);
        var typed = new[]
        {
            "anna@example.org", "ANNA\u200B@Example.org", "\uFEFFanna@exa\u00ADmple.org", "\u2066anna@example.org\u2069",
            "jos\u00E9@example.org", "JOSE\u0301@example.org", "jose\u0301\u200D@EXAMPLE.org",
        };

        var counts = new List<int>();
        foreach (var (email, i) in typed.Select((email, i) => (email, i)))
        {
            // As the pledge dialog does: the answer is checked and cleaned, then keyed.
            var kept = PledgeAnswerRules.Email(email).Value!;
            var receipt = await store.TakePledgeAsync(new PledgeSignature(
                Campaign, Pledge, hasher.EmailKey(kept), hasher.PersonKey("test", $"person-{i}"), "Anna", kept,
                new ConsentGiven(new ConsentStatement("en", 1, "statement-hash"), "en", "test", DateTimeOffset.UtcNow)));
            counts.Add(receipt.Count);
        }

        Assert.Equal([1, 1, 1, 1, 2, 2, 2], counts);
        using var connection = temp.OpenRawConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT email FROM pledges ORDER BY rowid";
        var stored = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            stored.Add(protector.Unprotect(reader.GetString(0))!);
        }

        Assert.Equal(["anna@example.org", "jos\u00E9@example.org"], stored);
    }

    public void Dispose() => temp.Dispose();
}
