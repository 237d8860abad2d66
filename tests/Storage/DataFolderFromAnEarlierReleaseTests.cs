using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using PledgeBot.Dialogs.Content;
using PledgeBot.Storage;
using PledgeBot.Storage.Sqlite;
using PledgeBot.Tests.Support;
using static PledgeBot.Tests.Support.PledgeConversation;

namespace PledgeBot.Tests.Storage;

/// <summary>
/// A data folder written by the release of 2026-11-26 (schema 6: the database, kept as the SQL
/// that rebuilds it byte for byte in content, the encryption keys and the person key secret of
/// that test folder, tests/Fixtures/data-from-schema-6), opened by today's code: every row is
/// still there and still means what it meant, and the bot goes on from it. Made by taking, in
/// that release: Anna's vote and confirmed pledge, Ben's vote and pledge and his "stop", Cleo's
/// pledge and "forget me", Dan joining and reading a story.
/// </summary>
public sealed class DataFolderFromAnEarlierReleaseTests : IAsyncDisposable
{
    private readonly TempFolder data = new();
    private readonly BotApplication app;

    public DataFolderFromAnEarlierReleaseTests()
    {
        ReleaseDataFolder.CopyTo("data-from-schema-6", data.Path);
        app = new BotApplication(data.Path);
    }

    [Fact]
    public async Task EveryVoteAndPledgeIsStillThereAndThePeopleStillFindTheirData()
    {
        var http = app.CreateClient();

        // Before anyone writes: what the file held.
        Assert.Equal(6, await RowsAsync("SELECT count(*) FROM crm_outbox"));
        Assert.Equal(1, await RowsAsync("SELECT count(*) FROM erasures"));
        Assert.Equal(3, await RowsAsync("SELECT count(*) FROM funnel_steps"));
        var results = JObject.Parse(await http.GetStringAsync("/results.json"));
        Assert.Equal(2, (int)results["votes"]!["total"]!);
        var content = app.Services.GetRequiredService<CurrentCampaign>().Content;
        Assert.Equal(new PledgeCounts(2, 1), await app.Services.GetRequiredService<IPledgeStore>().GetCountsAsync(content.Id, "not-on-my-screen"));
        var anna = (await SayAsync(http, new ChannelActivities("anna", "anna-chat"), "my data")).Text();
        Assert.Contains("anna@example.org", anna);
        Assert.Contains("Email confirmed: Yes", anna);
        Assert.Contains(content.Causes[0].Title, anna);
        var ben = (await SayAsync(http, new ChannelActivities("ben", "ben-chat"), "my data")).Text();
        Assert.Contains("May contact you: No", ben);
        Assert.Contains("Nothing: no vote and no pledge", (await SayAsync(http, new ChannelActivities("cleo", "cleo-chat"), "my data")).Text());
    }

    [Fact]
    public async Task TheBotGoesOnFromItAChangedVoteCountsOnceAndANewPledgeIsAdded()
    {
        var http = app.CreateClient();
        var content = app.Services.GetRequiredService<CurrentCampaign>().Content;

        await ExpectReplies.PostAsync(http, new ChannelActivities("anna", "anna-chat").Click(new JObject { ["action"] = "vote", ["causeId"] = content.Causes[1].Id }));
        await TakePledgeAsync(http, new ChannelActivities("eve", "eve-chat"), "Eve", "eve@example.org");

        var results = JObject.Parse(await http.GetStringAsync("/results.json"));
        Assert.Equal(2, (int)results["votes"]!["total"]!);
        Assert.Equal(new PledgeCounts(3, 1), await app.Services.GetRequiredService<IPledgeStore>().GetCountsAsync(content.Id, "not-on-my-screen"));
    }

    private async Task<long> RowsAsync(string sql)
    {
        await using var connection = await app.Services.GetRequiredService<SqliteDatabase>().OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        data.Dispose();
    }
}
