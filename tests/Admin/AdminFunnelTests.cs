using AngleSharp.Html.Parser;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using PledgeBot.Dialogs.Content;
using PledgeBot.Storage.Sqlite;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Admin;

/// <summary>
/// The funnel's steps the bot notes itself (joined, read a story, shared), through the host: each
/// person counted once per step however often they come back, gone when they are forgotten, and
/// never in the way of a person's answer.
/// </summary>
public sealed class AdminFunnelTests : IDisposable
{
    private readonly TempFolder data = new();

    [Fact]
    public async Task EachStepCountsDistinctPeopleHoweverOftenOnePersonRepeatsIt()
    {
        using var app = new BotApplication(data.Path, AdminRequests.Settings());
        var causes = app.Services.GetRequiredService<CurrentCampaign>().Content.Causes;
        // Two people only open the chat (the emulator's greeting), one from a share link's web chat page straight at a story.
        await app.ExpectRepliesAsync(new ChannelActivities("jo", "jos-chat").Joined());
        await app.ExpectRepliesAsync(new ChannelActivities("kim", "kims-chat").Joined());
        await app.ExpectRepliesAsync(WebChatJoin(new ChannelActivities("wil", "wils-chat", "directline"), causes[1].Id));
        // Two read the stories, one of them votes; one shares straight from a card without reading.
        await app.ExpectRepliesAsync(new ChannelActivities("rae", "raes-chat").Message("stories"));
        var vic = new ChannelActivities("vic", "vics-chat");
        await app.ExpectRepliesAsync(vic.Message("stories"));
        await app.VoteAsync(vic, causes[0].Id);
        await app.ExpectRepliesAsync(Share(new ChannelActivities("sam", "sams-chat"), causes[2].Id));
        // Rita does everything, again and again, in two chats.
        foreach (var chat in new[] { new ChannelActivities("rita", "ritas-chat"), new ChannelActivities("rita", "ritas-other-chat") })
        {
            for (var i = 0; i < 3; i++)
            {
                await app.ExpectRepliesAsync(chat.Joined());
                await app.ExpectRepliesAsync(chat.Message("stories"));
                await app.ExpectRepliesAsync(chat.Click(new JObject { ["action"] = "stories", ["story"] = i + 1 }));
                await app.VoteAsync(chat, causes[i].Id);
                await app.ExpectRepliesAsync(Share(chat, causes[i].Id));
            }
        }

        var funnel = JObject.Parse(await app.CreateAdminClient().GetStringAsync("/admin/api/results"))["funnel"]!;

        Assert.Equal(
            (7, 4, 2, 2),
            (funnel.Value<int>("joined"), funnel.Value<int>("readAStory"), funnel.Value<int>("voted"), funnel.Value<int>("shared")));
        // One row per person and step: the repeats stored nothing more.
        Assert.Equal(7 + 4 + 2, await FunnelRowsAsync());
        var browser = new AdminBrowser(app);
        await browser.SignInWithKeyAsync(AdminRequests.Key);
        var page = await browser.ReadAsync("/admin/");
        var rows = page.QuerySelectorAll("#funnel-table tbody tr").ToDictionary(r => r.QuerySelector("th")!.TextContent, r => r.QuerySelector("td")!.TextContent);
        Assert.Equal(("7", "4", "2", "2"), (rows["Joined"], rows["Read a story"], rows["Voted"], rows["Shared"]));
        Assert.Contains("asked for a share card", page.QuerySelector("#funnel-caption")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AForgottenPersonsStepsLeaveTheCountsWhetherTheyAskInTheChatOrTheAdminErasesTheirEmail()
    {
        using var app = new BotApplication(data.Path, AdminRequests.Settings());
        var causes = app.Services.GetRequiredService<CurrentCampaign>().Content.Causes;
        var stays = new ChannelActivities("stays", "stays-chat");
        await app.ExpectRepliesAsync(stays.Message("stories"));
        await app.ExpectRepliesAsync(Share(stays, causes[0].Id));
        var asks = new ChannelActivities("asks", "asks-chat");
        await app.ExpectRepliesAsync(asks.Message("stories"));
        await app.ExpectRepliesAsync(Share(asks, causes[0].Id));
        var pledger = new ChannelActivities("pledger", "pledgers-chat");
        await app.ExpectRepliesAsync(pledger.Message("stories"));
        await app.ExpectRepliesAsync(Share(pledger, causes[0].Id));
        await app.PledgeAsync(pledger, "Pat", "pat@example.org");
        Assert.Equal((3, 3, 3), await CountsAsync(app));

        await app.ExpectRepliesAsync(asks.Message("forget me"));
        var done = await app.ExpectRepliesAsync(asks.Click(new JObject { ["action"] = "forgetMeConfirmed" }));
        Assert.Contains("erased", done.Last().AsCard().Text(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal((2, 2, 2), await CountsAsync(app));
        var erased = await app.CreateAdminClient().PostAsync(
            "/admin/api/forget", new StringContent("""{"email": "pat@example.org"}""", System.Text.Encoding.UTF8, "application/json"));
        erased.EnsureSuccessStatusCode();

        Assert.Equal((1, 1, 1), await CountsAsync(app));
        Assert.Equal(3, await FunnelRowsAsync());
        // Coming back after "forget me" is coming back as someone new.
        await app.ExpectRepliesAsync(asks.Message("stories"));
        Assert.Equal((2, 2, 1), await CountsAsync(app));
    }

    [Fact]
    public async Task WhenTheFunnelCannotBeWrittenEveryTurnIsStillAnsweredAndTheLogNamesOnlyTheError()
    {
        var logs = new CapturedLogs();
        using var app = new BotApplication(data.Path, AdminRequests.Settings(), services => services.AddSingleton<ILoggerProvider>(logs));
        var causes = app.Services.GetRequiredService<CurrentCampaign>().Content.Causes;
        await using (var connection = await app.Services.GetRequiredService<SqliteDatabase>().OpenAsync())
        await using (var drop = connection.CreateCommand())
        {
            drop.CommandText = "DROP TABLE funnel_steps";
            await drop.ExecuteNonQueryAsync();
        }

        var person = new ChannelActivities("unlucky-person-7", "unlucky-chat", "directline");
        var joined = await app.ExpectRepliesAsync(WebChatJoin(person, causes[1].Id));
        var stories = await app.ExpectRepliesAsync(person.Message("stories"));
        var shared = await app.ExpectRepliesAsync(Share(person, causes[1].Id));
        var voted = await app.ExpectRepliesAsync(person.Click(new JObject { ["action"] = "vote", ["causeId"] = causes[1].Id }));

        Assert.Contains("Story 2 of", joined.Last().AsCard().Text(), StringComparison.Ordinal);
        Assert.Contains("Story 1 of", stories.Last().AsCard().Text(), StringComparison.Ordinal);
        Assert.Contains("/c/" + causes[1].Id + "?r=", shared.Last().AsCard().ToString(), StringComparison.Ordinal);
        Assert.Contains($"Your vote for {causes[1].Title} is recorded", voted.Answer().Text(), StringComparison.Ordinal);
        var warnings = logs.Entries.Where(e => e.Contains("funnel step", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(warnings);
        Assert.All(warnings, w => Assert.Contains("SqliteException", w, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Contains("unlucky", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Contains("Sorry", StringComparison.OrdinalIgnoreCase) || e.Contains("turn failed", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("/admin/", "Dashboard")]
    [InlineData("/admin/voting", "Voting")]
    [InlineData("/admin/forget", "Erasure")]
    [InlineData("/admin/crm", "CRMs")]
    [InlineData("/admin/follow-ups", "Follow-ups")]
    [InlineData("/admin/follow-ups/new", "Follow-ups")]
    public async Task EveryAdminPageHasTheAdminNavigationWithItsOwnSectionMarkedCurrent(string path, string current)
    {
        using var app = new BotApplication(data.Path, AdminRequests.Settings());
        var browser = new AdminBrowser(app);
        await browser.SignInWithKeyAsync(AdminRequests.Key);

        var page = await browser.ReadAsync(path);

        var nav = Assert.Single(page.QuerySelectorAll("nav[aria-label='Admin']"));
        Assert.Equal(
            [("Dashboard", "/admin/"), ("Voting", "/admin/voting"), ("Content", "/admin/content"), ("Follow-ups", "/admin/follow-ups"), ("Erasure", "/admin/forget"), ("CRMs", "/admin/crm")],
            nav.QuerySelectorAll("ul > li > a").Select(a => (a.TextContent, a.GetAttribute("href")!)));
        var marked = Assert.Single(nav.QuerySelectorAll("a[aria-current]"));
        Assert.Equal((current, "page"), (marked.TextContent, marked.GetAttribute("aria-current")));
    }

    [Fact]
    public async Task TheSignInPageHasNoAdminNavigation()
    {
        using var app = new BotApplication(data.Path, AdminRequests.Settings());

        var page = await new HtmlParser().ParseDocumentAsync(await app.CreateClient().GetStringAsync("/admin/sign-in"));

        Assert.Empty(page.QuerySelectorAll("nav"));
    }

    public void Dispose() => data.Dispose();

    private static JObject WebChatJoin(ChannelActivities person, string causeId)
    {
        var join = person.Message("");
        join.Remove("text");
        join["type"] = "event";
        join["name"] = "webchat/join";
        join["value"] = new JObject { ["cause"] = causeId, ["locale"] = "en-GB" };
        return join;
    }

    private static JObject Share(ChannelActivities person, string causeId) =>
        person.Click(new JObject { ["action"] = "share", ["causeId"] = causeId, ["reason"] = "story" });

    private static async Task<(int Joined, int ReadAStory, int Shared)> CountsAsync(BotApplication app)
    {
        var funnel = JObject.Parse(await app.CreateAdminClient().GetStringAsync("/admin/api/results"))["funnel"]!;
        return (funnel.Value<int>("joined"), funnel.Value<int>("readAStory"), funnel.Value<int>("shared"));
    }

    private async Task<long> FunnelRowsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(data.Path, "pledgebot.db")}");
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM funnel_steps";
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
