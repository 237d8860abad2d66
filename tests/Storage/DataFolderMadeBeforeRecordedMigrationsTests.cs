using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Identity;
using PledgeBot.Storage;
using PledgeBot.Storage.Sqlite;
using PledgeBot.Tests.Support;
using static PledgeBot.Tests.Support.PledgeConversation;

namespace PledgeBot.Tests.Storage;

/// <summary>
/// A data folder written by the last release before schema migrations were recorded (2026-11-26,
/// user_version 6 with every table added since: tests/Fixtures/data-before-versioned-migrations),
/// opened by today's code: every row of every table is still there, unchanged, the step is recorded,
/// and the bot goes on from it. Made in that release, with a webhook CRM receiving: Anna's vote,
/// pledge and confirmation; Ben's vote, pledge and "stop"; Cleo's pledge and "forget me"; Fay's vote
/// through Anna's share link; Dan joining and reading a story; an organiser's published content
/// (the shipped campaign) with its audit line; voting set to close on 2031-01-01.
/// </summary>
public sealed class DataFolderMadeBeforeRecordedMigrationsTests : IAsyncDisposable
{
    private const string Fixture = "data-before-versioned-migrations";
    private readonly TempFolder data = new();
    private readonly TempFolder release = new();
    private readonly BotApplication app;

    public DataFolderMadeBeforeRecordedMigrationsTests()
    {
        ReleaseDataFolder.CopyTo(Fixture, data.Path);
        app = new BotApplication(data.Path);
    }

    [Fact]
    public async Task EveryRowOfEveryTableIsStillThereUnchangedAndTheStepIsRecordedOnce()
    {
        // The release's file as it was, beside the one today's code opened (no host: nothing but the migration has run).
        var original = Path.Combine(release.Path, "pledgebot.db");
        ReleaseDataFolder.RebuildDatabase(Fixture, original);
        await using var before = new SqliteConnection($"Data Source={original};Pooling=False");
        await before.OpenAsync();
        await using var database = new SqliteDatabase(Path.Combine(data.Path, "pledgebot.db"));
        await using var after = await database.OpenAsync();

        var tables = await ReleaseDataFolder.TablesAsync(before);
        // Steps after 6 add tables of their own, empty here.
        Assert.Equal(tables.Concat(["schema_migrations", "language_choices", "follow_ups", "follow_up_consents", "follow_up_updates", "follow_up_deliveries"]).Order(StringComparer.Ordinal), await ReleaseDataFolder.TablesAsync(after));
        var expected = await ReleaseDataFolder.RowsOfEveryTableAsync(before, tables);
        Assert.All(expected.Values, rows => Assert.NotEmpty(rows));
        var migrated = await ReleaseDataFolder.RowsOfEveryTableAsync(after, tables);
        // Step 8 names the language each consent statement was shown in: before it, English.
        Assert.All(migrated["consent_statements"], row => Assert.Contains("|language=en|", row));
        Assert.All(migrated["consent_records"], row => Assert.EndsWith("|statement_language=en", row));
        Assert.Equal(expected, Without(migrated, "language=en", "statement_language=en"));
        Assert.Equal("6,7,8,9,10", await ScalarAsync(after, "SELECT group_concat(version) FROM (SELECT version FROM schema_migrations ORDER BY version)"));
        Assert.Equal(10L, await ScalarAsync(after, "PRAGMA user_version"));
    }

    [Fact]
    public async Task TheReleasesConsentStatementsStayEnglishWithTheirVersionsAndFrenchIsNumberedOnItsOwn()
    {
        var statements = app.Services.GetRequiredService<IConsentStatements>();
        var content = app.Services.GetRequiredService<CurrentCampaign>().Content;
        await using var database = new SqliteDatabase(Path.Combine(data.Path, "pledgebot.db"));
        await using var connection = await database.OpenAsync();
        var releaseText = (string)(await ScalarAsync(connection, "SELECT text FROM consent_statements WHERE version = 1"))!;

        var english = await statements.RegisterAsync(content.Id, "en", releaseText);
        var french = await statements.RegisterAsync(content.Id, "fr", "Nouvelle déclaration");

        Assert.Equal(new ConsentStatement("en", 1, ConsentStatement.HashOf(releaseText)), english);
        Assert.Equal(new ConsentStatement("fr", 1, ConsentStatement.HashOf("Nouvelle déclaration")), french);
    }

    /// <summary>The rows with the given column values left out, as they were before a step added those columns.</summary>
    private static IReadOnlyDictionary<string, IReadOnlyList<string>> Without(IReadOnlyDictionary<string, IReadOnlyList<string>> rows, params string[] columns) =>
        rows.ToDictionary(
            table => table.Key,
            table => (IReadOnlyList<string>)[.. table.Value.Select(row => string.Join('|', row.Split('|').Where(value => !columns.Contains(value)))).Order(StringComparer.Ordinal)],
            StringComparer.Ordinal);

    [Fact]
    public async Task TheBotGoesOnFromItWithEveryStoreReadingWhatTheReleaseWrote()
    {
        var http = app.CreateClient();
        var services = app.Services;
        var content = services.GetRequiredService<CurrentCampaign>().Content;

        Assert.Equal(3, (int)JObject.Parse(await http.GetStringAsync("/results.json"))["votes"]!["total"]!);
        Assert.Equal(new PledgeCounts(2, 1), await services.GetRequiredService<IPledgeStore>().GetCountsAsync(content.Id, "not-on-my-screen"));
        var anna = (await SayAsync(http, new ChannelActivities("anna", "anna-chat"), "my data")).Text();
        Assert.Contains("anna@example.org", anna);
        Assert.Contains("Email confirmed: Yes", anna);
        Assert.Contains("May contact you: No", (await SayAsync(http, new ChannelActivities("ben", "ben-chat"), "my data")).Text());
        Assert.Contains("Nothing: no vote and no pledge", (await SayAsync(http, new ChannelActivities("cleo", "cleo-chat"), "my data")).Text());

        var annasCode = services.GetRequiredService<PersonKeyHasher>().ReferralCode(services.GetRequiredService<PersonKeyHasher>().PersonKey("emulator", "anna"));
        Assert.Equal([new ReferralCounts(annasCode, content.Causes[0].Id, 1, 1, 0)], await services.GetRequiredService<IReferralStore>().GetCountsAsync(content.Id));
        Assert.Equal(1, (await services.GetRequiredService<IFunnelStore>().CountAsync(content.Id)).ReadAStory);
        Assert.Equal("published content version 1", Assert.Single(await services.GetRequiredService<IAdminAuditLog>().ReadRecentAsync(10)).Action);
        Assert.Equal(1, (await services.GetRequiredService<IContentVersions>().ReadRunningAsync())!.Number);
        Assert.Equal(new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero), (await services.GetRequiredService<IVotingControls>().ReadAsync()).ClosesAt);
        Assert.Equal(6, (await services.GetRequiredService<ICrmDeliveries>().CountAsync("webhook")).Delivered);

        // A change and a new vote count once each; a new pledge is added.
        await ExpectReplies.PostAsync(http, new ChannelActivities("anna", "anna-chat").Click(new JObject { ["action"] = "vote", ["causeId"] = content.Causes[1].Id }));
        await ExpectReplies.PostAsync(http, new ChannelActivities("eve", "eve-chat").Click(new JObject { ["action"] = "vote", ["causeId"] = content.Causes[1].Id }));
        await TakePledgeAsync(http, new ChannelActivities("eve", "eve-chat"), "Eve", "eve@example.org");
        var results = JObject.Parse(await http.GetStringAsync("/results.json"));
        Assert.Equal(4, (int)results["votes"]!["total"]!);
        Assert.Equal(new PledgeCounts(3, 1), await services.GetRequiredService<IPledgeStore>().GetCountsAsync(content.Id, "not-on-my-screen"));
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        data.Dispose();
        release.Dispose();
    }
}
