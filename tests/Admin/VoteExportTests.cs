using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PledgeBot.Dialogs.Content;
using PledgeBot.Storage;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Admin;

public sealed class VoteExportTests : IDisposable
{
    private readonly TempFolder data = new();

    [Fact]
    public async Task VotesAreCountedPerUtcDayCauseAndChannelWithoutPersonKeys()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 23, 30, 0, TimeSpan.Zero));
        using var app = new BotApplication(data.Path, AdminRequests.Settings(), services => services.AddSingleton<TimeProvider>(clock));
        var causes = app.Services.GetRequiredService<CurrentCampaign>().Content.Causes;
        await app.VoteAsync(new ChannelActivities("anna", "annas-chat"), causes[0].Id);
        await app.VoteAsync(new ChannelActivities("ben", "bens-chat"), causes[0].Id);
        await app.VoteAsync(new ChannelActivities("carl", "carls-chat", "directline"), causes[1].Id);
        var dora = new ChannelActivities("dora", "doras-chat");
        await app.VoteAsync(dora, causes[1].Id);
        clock.Advance(TimeSpan.FromHours(1));
        await app.VoteAsync(new ChannelActivities("emil", "emils-chat", "msteams"), causes[0].Id);
        // Changing a vote moves it: it counts once, for the new cause, on the day it changed.
        await app.VoteAsync(dora, causes[2].Id);

        var response = await app.CreateAdminClient().GetAsync("/admin/export/votes.csv");
        var csv = await ExportedCsv.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.True(csv.StartsWithByteOrderMark);
        // Ordered by day, then cause id and channel as text.
        string[] expected =
        [
            .. new[] { $"2026-03-01,{causes[0].Id},emulator,2", $"2026-03-01,{causes[1].Id},directline,1" }.Order(StringComparer.Ordinal),
            .. new[] { $"2026-03-02,{causes[0].Id},msteams,1", $"2026-03-02,{causes[2].Id},emulator,1" }.Order(StringComparer.Ordinal),
        ];
        Assert.Equal(string.Join("\r\n", ["day,cause,channel,votes", .. expected, ""]), csv.Text);
        var personKeys = await new DataFolderRows(data.Path).ColumnAsync("SELECT person_key FROM votes");
        Assert.Equal(5, personKeys.Count);
        Assert.All(personKeys, key => Assert.DoesNotContain((string)key!, csv.Text, StringComparison.Ordinal));
        var audit = await app.Services.GetRequiredService<IAdminAuditLog>().ReadRecentAsync(10);
        Assert.Equal(("admin key", "exported votes.csv"), (audit[0].Who, audit[0].Action));
    }

    [Fact]
    public async Task VotesStoredBeforeVotesKeptTheirChannelAreCountedAsUnknown()
    {
        Directory.CreateDirectory(data.Path);
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(data.Path, "pledgebot.db")};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var version4 = connection.CreateCommand();
            version4.CommandText = """
                CREATE TABLE votes (campaign_id TEXT NOT NULL, person_key TEXT NOT NULL, cause_id TEXT NOT NULL, voted_at TEXT NOT NULL,
                                    retained_at TEXT, PRIMARY KEY (campaign_id, person_key));
                INSERT INTO votes VALUES ('stand-with-them', 'old-person', 'yemen-crisis', '2025-12-24T10:00:00.0000000+00:00', NULL);
                PRAGMA user_version = 4;
                """;
            await version4.ExecuteNonQueryAsync();
        }

        using var app = new BotApplication(data.Path, AdminRequests.Settings());
        var campaign = app.Services.GetRequiredService<CurrentCampaign>().Content.Id;
        Assert.Equal("stand-with-them", campaign);

        var csv = await ExportedCsv.ReadAsync(await app.CreateAdminClient().GetAsync("/admin/export/votes.csv"));

        var row = Assert.Single(csv.Rows);
        Assert.Equal(("2025-12-24", "yemen-crisis", "unknown", "1"), (row["day"], row["cause"], row["channel"], row["votes"]));
    }

    public void Dispose() => data.Dispose();
}
