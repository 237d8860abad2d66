using System.Security.Cryptography;
using System.Text;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Time.Testing;
using PledgeBot.Dialogs.Cards;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Conversation;
using PledgeBot.Storage;
using PledgeBot.Storage.Sqlite;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Rights;

/// <summary>Each pledge keeps proof of its consent: which words were shown, in which language and channel, when, and the answer.</summary>
public sealed class ConsentRecordTests : IDisposable
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider clock = new(Morning);
    private readonly BotUnderTest bot;

    public ConsentRecordTests() => bot = new BotUnderTest(clock: clock);

    [Fact]
    public async Task APledgeInConversationRecordsTheExactStatementShownTheLocaleTheChannelTheTimeOfTheYesAndTheAnswer()
    {
        var chat = bot.Chat();
        await SayAsync(chat, "pledge");
        await SayAsync(chat, "Anna");
        var consentCard = await SayAsync(chat, "anna@example.org");
        clock.Advance(TimeSpan.FromMinutes(1));
        await SayAsync(chat, "yes");
        clock.Advance(TimeSpan.FromMinutes(1));
        await SayAsync(chat, "yes");

        var record = Assert.Single(await ConsentRecordsAsync());
        var statement = await StatementAsync(record.Version);
        Assert.Contains(bot.Content.PrivacyStatement, consentCard.Text());
        Assert.Contains(ConsentWording.ConversationQuestion, consentCard.Text());
        Assert.Equal(ConsentWording.Statement(bot.Content, ConsentWordingKind.Conversation), statement);
        Assert.Equal(Sha256(statement), record.Hash);
        Assert.Equal("fr-CA", record.Locale);
        Assert.Equal("test", record.Channel);
        Assert.Equal("yes", record.Answer);
        Assert.Equal(SqliteDatabase.Instant(Morning.AddMinutes(1)), record.RecordedAt);
    }

    [Fact]
    public async Task APledgeThroughTheFormRecordsTheFormsOwnWording()
    {
        var chat = bot.Chat();
        await chat.SayAsync("pledge");
        var form = await chat.ClickAsync("Use a form instead");
        await chat.ClickAsync("Continue", new { firstName = "Anna", email = "anna@example.org", consent = "true" });
        await chat.ClickAsync("Confirm my pledge");

        var record = Assert.Single(await ConsentRecordsAsync());
        Assert.Contains(ConsentWording.FormToggle, form.ToString());
        Assert.Equal(ConsentWording.Statement(bot.Content, ConsentWordingKind.Form), await StatementAsync(record.Version));
    }

    [Fact]
    public async Task AChangedPrivacyStatementGetsANewVersionAndTheOldTextIsKept()
    {
        var statements = new SqliteConsentStatements(bot.Database, clock);
        var before = await new ConsentStatementVersions(Running(bot.Content), statements).VersionOfAsync(ConsentWordingKind.Conversation, shownIn: null, default);
        var changed = bot.Content with { PrivacyStatement = bot.Content.PrivacyStatement + " We also keep your pledge's time." };

        var after = await new ConsentStatementVersions(Running(changed), statements).VersionOfAsync(ConsentWordingKind.Conversation, shownIn: null, default);
        var again = await new ConsentStatementVersions(Running(bot.Content), statements).VersionOfAsync(ConsentWordingKind.Conversation, shownIn: null, default);

        Assert.Equal(1, before.Version);
        Assert.Equal(2, after.Version);
        Assert.NotEqual(before.TextHash, after.TextHash);
        Assert.Equal(before, again);
        Assert.Equal(ConsentWording.Statement(bot.Content, ConsentWordingKind.Conversation), await StatementAsync(1));
    }

    [Fact]
    public async Task AStatementShownInFrenchIsRegisteredInFrenchWithItsOwnVersionsWhateverTheLanguageAtConfirmation()
    {
        var statements = new SqliteConsentStatements(bot.Database, clock);
        var versions = new ConsentStatementVersions(Running(bot.Content), statements);
        var english = await versions.VersionOfAsync(ConsentWordingKind.Conversation, shownIn: "en", default);

        // Confirmed in a turn served in English (no supporter language set here): the French words shown at the question count.
        var french = await versions.VersionOfAsync(ConsentWordingKind.Conversation, shownIn: "fr", default);
        var frenchForm = await versions.VersionOfAsync(ConsentWordingKind.Form, shownIn: "fr", default);

        Assert.Equal(("en", 1), (english.Language, english.Version));
        Assert.Equal(("fr", 1), (french.Language, french.Version));
        Assert.Equal(("fr", 2), (frenchForm.Language, frenchForm.Version));
        await using var connection = await bot.Database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT text FROM consent_statements WHERE language = 'fr' AND version = 1";
        var frenchText = (string)(await command.ExecuteScalarAsync())!;
        Assert.StartsWith(bot.Content.In(System.Globalization.CultureInfo.GetCultureInfo("fr")).PrivacyStatement, frenchText);
        Assert.NotEqual(bot.Content.PrivacyStatement, bot.Content.In(System.Globalization.CultureInfo.GetCultureInfo("fr")).PrivacyStatement);
        Assert.Equal(ConsentStatement.HashOf(frenchText), french.TextHash);
        Assert.Null(PledgeBot.Dialogs.Languages.SupporterLanguage.Current);
    }

    [Fact]
    public async Task SayingNoToConsentStoresNoRecordAndNoPledge()
    {
        var chat = bot.Chat();
        await chat.SayAsync("pledge");
        await chat.SayAsync("Anna");
        await chat.SayAsync("anna@example.org");

        var declined = await chat.SayAsync("no");

        Assert.Contains("nothing was stored", declined.Text());
        Assert.Empty(await ConsentRecordsAsync());
        Assert.Equal(0, await bot.PledgeCountAsync());
    }

    [Fact]
    public async Task TheStoredPledgeHoldsItsNameAndEmailEncryptedAndOnlyItsKeysOpenThem()
    {
        var chat = bot.Chat();
        await chat.SayAsync("pledge");
        await chat.SayAsync("Zephyrine");
        await chat.SayAsync("zephyrine.q@example.org");
        await chat.SayAsync("yes");
        await chat.SayAsync("yes");

        await using var connection = await bot.Database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT first_name, email FROM pledges";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.DoesNotContain("Zephyrine", reader.GetString(0), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("zephyrine", reader.GetString(1), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Zephyrine", bot.Protector.Unprotect(reader.GetString(0)));
        Assert.Equal("zephyrine.q@example.org", bot.Protector.Unprotect(reader.GetString(1)));
        using var otherKeys = new TempFolder();
        Assert.Null(TestEncryption.ProtectorFor(otherKeys.Path).Unprotect(reader.GetString(1)));
    }

    private static Task<Newtonsoft.Json.Linq.JObject> SayAsync(ChatSession chat, string text) =>
        chat.SendAndReadCardAsync(new Activity { Type = ActivityTypes.Message, Text = text, Locale = "fr-CA", Id = Guid.NewGuid().ToString("N") });

    private async Task<List<(int Version, string Hash, string? Locale, string Channel, string Answer, string RecordedAt)>> ConsentRecordsAsync()
    {
        await using var connection = await bot.Database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT statement_version, statement_hash, locale, channel, answer, recorded_at FROM consent_records";
        await using var reader = await command.ExecuteReaderAsync();
        var records = new List<(int, string, string?, string, string, string)>();
        while (await reader.ReadAsync())
        {
            records.Add((reader.GetInt32(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5)));
        }

        return records;
    }

    private async Task<string> StatementAsync(int version)
    {
        await using var connection = await bot.Database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT text FROM consent_statements WHERE version = $version";
        command.Parameters.AddWithValue("$version", version);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public void Dispose() => bot.Dispose();

    private static CurrentCampaign Running(CampaignContent content) => new(new RunningContent(content, "{}", Version: null));
}
