using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using PledgeBot.Storage;
using PledgeBot.Storage.Sqlite;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Rights;

/// <summary>
/// Consent is recorded with the language its statement was shown in, through the host: a pledge
/// taken in French stores the French statement as French version 1 beside English version 1, and
/// "my data", the pledge export and the CRM webhook say which language the version is in.
/// </summary>
public sealed class ConsentLanguageTests : IDisposable
{
    private readonly TempFolder data = new();

    [Fact]
    public async Task APledgeTakenInFrenchStoresTheFrenchStatementAsFrenchVersion1BesideEnglishVersion1()
    {
        using var app = new BotApplication(data.Path, AdminRequests.Settings());
        var english = ShippedCampaign.Load();
        var french = english.In(CultureInfo.GetCultureInfo("fr"));
        await app.PledgeAsync(new ChannelActivities("anna", "annas-chat"), "Anna", "anna@example.org");

        var amelie = new ChannelActivities("amelie", "amelies-chat");
        var consentCard = await PledgeInFrenchAsync(app, amelie, "Amélie", "amelie@example.org");

        Assert.Contains(french.PrivacyStatement, consentCard.Text());
        var statements = await RowsAsync(app, "SELECT language, version, text, text_hash FROM consent_statements ORDER BY language, version");
        Assert.Equal([("en", 1L), ("fr", 1L)], statements.Select(s => ((string)s[0]!, (long)s[1]!)));
        var frenchText = (string)statements[1][2]!;
        Assert.StartsWith(french.PrivacyStatement + "\n\n", frenchText);
        Assert.StartsWith(english.PrivacyStatement + "\n\n", (string)statements[0][2]!);
        var record = Assert.Single(await RowsAsync(app, "SELECT statement_language, statement_version, statement_hash, locale FROM consent_records WHERE locale = 'fr-FR'"));
        Assert.Equal(("fr", 1L, ConsentStatement.HashOf(frenchText), "fr-FR"), ((string)record[0]!, (long)record[1]!, (string)record[2]!, (string)record[3]!));
        Assert.Equal(["en", "fr"], (await RowsAsync(app, "SELECT statement_language FROM consent_records ORDER BY recorded_at")).Select(r => (string)r[0]!));
    }

    [Fact]
    public async Task MyDataTheExportAndTheWebhookNameTheLanguageOfTheStatementVersion()
    {
        using var app = new BotApplication(data.Path, AdminRequests.Settings());
        await app.PledgeAsync(new ChannelActivities("anna", "annas-chat"), "Anna", "anna@example.org");
        var amelie = new ChannelActivities("amelie", "amelies-chat");
        await PledgeInFrenchAsync(app, amelie, "Amélie", "amelie@example.org");

        var myData = (await app.ExpectRepliesAsync(InFrench(amelie.Click(new JObject { ["action"] = "myData" }))))[^1].AsCard().Text();
        var csv = await ExportedCsv.ReadAsync(await app.CreateAdminClient().GetAsync("/admin/export/pledges.csv?format=generic"));

        Assert.Contains("amelie@example.org", myData);
        // Read in French, the card names the statement its reader agreed to: its version and its language.
        Assert.Contains("(version 1 de la déclaration de confidentialité, Français)", myData);
        Assert.Equal("consent_language", csv.Headers[^1]);
        var amelieRow = csv.RowWhere("email", "amelie@example.org");
        var annaRow = csv.RowWhere("email", "anna@example.org");
        Assert.Equal(("1", "fr", "fr-FR"), (amelieRow["consent_statement_version"], amelieRow["consent_language"], amelieRow["language"]));
        Assert.Equal(("1", "en"), (annaRow["consent_statement_version"], annaRow["consent_language"]));
    }

    /// <summary>The pledge with the activity's locale fr-FR, by the buttons' data and typed answers only, so whatever the bot's words: returns the consent question's card.</summary>
    private static async Task<JObject> PledgeInFrenchAsync(BotApplication app, ChannelActivities person, string firstName, string email)
    {
        await app.ExpectRepliesAsync(InFrench(person.Click(new JObject { ["action"] = "pledge", ["pledgeId"] = "not-on-my-screen" })));
        await app.ExpectRepliesAsync(InFrench(person.Message(firstName)));
        var consent = (await app.ExpectRepliesAsync(InFrench(person.Message(email))))[^1].AsCard();
        await app.ExpectRepliesAsync(InFrench(person.Click(new JObject { ["action"] = "reply", ["reply"] = "yes" })));
        await app.ExpectRepliesAsync(InFrench(person.Click(new JObject { ["action"] = "pledgeConfirm", ["pledgeId"] = "not-on-my-screen" })));
        return consent;
    }

    private static JObject InFrench(JObject activity)
    {
        activity["locale"] = "fr-FR";
        return activity;
    }

    private static async Task<List<object?[]>> RowsAsync(BotApplication app, string sql)
    {
        await using var connection = await app.Services.GetRequiredService<SqliteDatabase>().OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            reader.GetValues(row!);
            rows.Add(row);
        }

        return rows;
    }

    public void Dispose() => data.Dispose();
}
