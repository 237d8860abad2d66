using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using PledgeBot.Dialogs.Content;
using PledgeBot.Referrals;
using PledgeBot.Storage;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Referrals;

/// <summary>Referrals through the real host: the chat page's config, the built-in Direct Line, and the visit counter.</summary>
// The tests that only read the chat page's config share one host; those that count visits,
// votes or stored rows start their own, so that they see nothing another test did.
public sealed class ReferralHostTests(SharedBotApplication host) : IClassFixture<SharedBotApplication>, IDisposable
{
    private const string Code = "sharer2345";

    private readonly TempFolder data = new();

    [Fact]
    public async Task TheChatPageCarriesAWellFormedReferralInItsConfig()
    {
        var app = host.App;

        var config = await ReadConfigAsync(app.CreateClient(), $"/?cause=yemen-crisis&r={Code}");

        Assert.Equal(Code, (string?)config["referral"]);
        Assert.Equal("yemen-crisis", (string?)config["cause"]);
    }

    [Fact]
    public async Task AReferralWithoutACauseIsKeptToo()
    {
        var app = host.App;

        Assert.Equal(Code, (string?)(await ReadConfigAsync(app.CreateClient(), $"/?r={Code}"))["referral"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("SHARER2345")]
    [InlineData("sharer234")]
    [InlineData("sharer23456")]
    [InlineData("sharer2340")]
    [InlineData("</script><script>alert(1)</script>")]
    [InlineData("\"-alert(1)-\"")]
    [InlineData("sharer2345\"><img src=x onerror=alert(1)>")]
    public async Task AMissingMalformedOrHostileReferralIsDropped(string referral)
    {
        var app = host.App;

        var response = await app.CreateClient().GetAsync($"/?cause=yemen-crisis&r={Uri.EscapeDataString(referral)}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(ReadConfig(html)["referral"]);
        Assert.DoesNotContain("alert(1)", html);
        Assert.Null((await ReadConfigAsync(app.CreateClient(), "/"))["referral"]);
    }

    [Fact]
    public async Task AShareLinkVisitThenItsChatAndVoteAreCountedForTheLinkEndToEnd()
    {
        using var app = BotApplication.StartOnKestrel(data.Path);
        var content = app.Services.GetRequiredService<CurrentCampaign>().Content;
        var cause = content.Causes[2];
        var http = app.CreateClient();

        // A supporter asks the bot for a share card for the cause; its link carries their code...
        var shareLink = new Uri(await ShareLinkFromTheBotAsync(app, new ChannelActivities("sharer", "sharers-chat"), storyNumber: 3));
        var code = System.Web.HttpUtility.ParseQueryString(shareLink.Query)["r"]!;
        Assert.Equal($"/c/{cause.Id}", shareLink.AbsolutePath);

        // ...a friend opens the share link, then the page's "Talk to the campaign" link...
        var sharePage = await new AngleSharp.Html.Parser.HtmlParser().ParseDocumentAsync(await http.GetStringAsync(shareLink.PathAndQuery));
        var chatLink = sharePage.QuerySelectorAll("a").Single(a => a.TextContent.Contains("Talk to the campaign")).GetAttribute("href")!;
        Assert.Equal($"/?cause={cause.Id}&r={code}", chatLink);

        // ...and chat.js reads the page's config, connects, sends the join event with the referral; they vote.
        var config = await ReadConfigAsync(http, chatLink);
        var client = new DirectLineClient(http);
        var issued = await client.StartAsync();
        await client.PostActivityAsync(new JObject
        {
            ["type"] = "event",
            ["name"] = "webchat/join",
            ["value"] = new JObject { ["cause"] = (string?)config["cause"], ["locale"] = "en-GB", ["referral"] = (string?)config["referral"] },
        });
        Assert.Contains($"Story 3 of 4", (await client.PollAsync()).Last().AsCard().Text());
        await client.ClickAsync(new JObject { ["action"] = "vote", ["causeId"] = cause.Id });
        Assert.Contains($"Your vote for {cause.Title} is recorded", (await client.PollAsync()).Where(a => a["attachments"] is not null).ToList().Answer().Text());
        await client.ClickAsync(new JObject { ["action"] = "vote", ["causeId"] = content.Causes[0].Id });
        await client.PollAsync();

        var counts = await app.Services.GetRequiredService<IReferralStore>().GetCountsAsync(content.Id);
        Assert.Equal([new ReferralCounts(code, cause.Id, 1, 1, 0)], counts);

        // Nothing in the counters points at the person: not their Direct Line id, not a hashed key.
        var userId = issued.Value<string>("userId")!;
        var stored = await RowsAsTextAsync(app, "referral_counts");
        Assert.Equal([$"{content.Id}|{code}|{cause.Id}|1|1|0|{DateTimeOffset.UtcNow:yyyy-MM-dd}"], stored);
        Assert.DoesNotContain(stored, row => row.Contains(userId, StringComparison.Ordinal));
        Assert.DoesNotContain(await RowsAsTextAsync(app, "referral_conversions"), row => row.Contains(userId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReferralVisitsCountsVisitsOfKnownCausesWithWellFormedCodes()
    {
        using var app = new BotApplication(data.Path);
        var visits = app.Services.GetRequiredService<ReferralVisits>();
        var content = app.Services.GetRequiredService<CurrentCampaign>().Content;
        await app.Services.GetRequiredService<IReferralStore>().RecordIssuedCodeAsync(content.Id, Code);
        await app.Services.GetRequiredService<IReferralStore>().RecordIssuedCodeAsync(content.Id, "kmnpqrstuv");

        await visits.RecordVisitAsync(Code, content.Causes[0].Id);
        await visits.RecordVisitAsync(Code, content.Causes[0].Id);
        await visits.RecordVisitAsync(Code, content.Causes[1].Id);
        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => visits.RecordVisitAsync("kmnpqrstuv", content.Causes[1].Id))));

        Assert.Equal(
            [
                new ReferralCounts("kmnpqrstuv", content.Causes[1].Id, 50, 0, 0),
                new ReferralCounts(Code, content.Causes[0].Id, 2, 0, 0),
                new ReferralCounts(Code, content.Causes[1].Id, 1, 0, 0),
            ],
            (await app.Services.GetRequiredService<IReferralStore>().GetCountsAsync(content.Id))
                .OrderBy(c => c.Code, StringComparer.Ordinal).ThenBy(c => content.Causes.ToList().FindIndex(x => x.Id == c.CauseId)));
    }

    [Theory]
    [InlineData(null, "yemen-crisis")]
    [InlineData("", "yemen-crisis")]
    [InlineData("SHARER2345", "yemen-crisis")]
    [InlineData("sharer23450", "yemen-crisis")]
    [InlineData("sharer 2345", "yemen-crisis")]
    [InlineData(Code, "no-such-cause")]
    [InlineData(Code, "")]
    [InlineData(Code, null)]
    public async Task ReferralVisitsIgnoresABadCodeOrCauseWithoutThrowing(string? code, string? causeId)
    {
        using var app = new BotApplication(data.Path);
        var content = app.Services.GetRequiredService<CurrentCampaign>().Content;
        await app.Services.GetRequiredService<IReferralStore>().RecordIssuedCodeAsync(content.Id, Code);

        Assert.Null(await app.Services.GetRequiredService<ReferralVisits>().RecordVisitAsync(code, causeId!));

        Assert.Empty(await app.Services.GetRequiredService<IReferralStore>().GetCountsAsync(content.Id));
    }

    [Fact]
    public async Task AShareLinkStillOpensWhenItsVisitCannotBeCounted()
    {
        using var app = new BotApplication(data.Path, testServices: services =>
            services.Replace(ServiceDescriptor.Singleton<IReferralStore, BrokenReferralStore>()));
        var content = app.Services.GetRequiredService<CurrentCampaign>().Content;

        var response = await app.CreateClient().GetAsync($"/c/{content.Causes[0].Id}?r={Code}");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(content.Causes[0].Title), await response.Content.ReadAsStringAsync());
    }

    /// <summary>The same on PostgreSQL (issue 12): its errors are caught as databases' errors, and logged by their SQL state only.</summary>
    [Fact]
    public async Task AShareLinkStillOpensWhenPostgreSqlCannotCountItsVisitAndTheLogNamesTheErrorOnly()
    {
        var logs = new CapturedLogs();
        using var app = new BotApplication(data.Path, testServices: services =>
        {
            services.AddSingleton<ILoggerProvider>(logs);
            services.Replace(ServiceDescriptor.Singleton<IReferralStore>(
                new BrokenReferralStore(() => new Npgsql.PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01"))));
        });
        var content = app.Services.GetRequiredService<CurrentCampaign>().Content;

        var response = await app.CreateClient().GetAsync($"/c/{content.Causes[0].Id}?r={Code}");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var warning = Assert.Single(logs.Entries, entry => entry.Contains("share link visit could not be counted", StringComparison.Ordinal));
        Assert.Contains("57P01", warning, StringComparison.Ordinal);
        Assert.DoesNotContain(Code, string.Join("\n", logs.Entries), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AVoteFromAShareLinkIsThankedAndKeptWhenItsReferralCannotBeCounted()
    {
        using var app = new BotApplication(data.Path, testServices: services =>
            services.Replace(ServiceDescriptor.Singleton<IReferralStore, BrokenReferralStore>()));
        var content = app.Services.GetRequiredService<CurrentCampaign>().Content;
        var cause = content.Causes[1];
        var friend = new ChannelActivities("friend", "conversation-from-link", "directline");
        var join = friend.Message("");
        join["type"] = "event";
        join["name"] = "webchat/join";
        join["value"] = new JObject { ["cause"] = cause.Id, ["referral"] = Code };
        await app.ExpectRepliesAsync(join);

        var replies = await app.ExpectRepliesAsync(friend.Click(new JObject { ["action"] = "vote", ["causeId"] = cause.Id }));

        Assert.Contains($"Your vote for {cause.Title} is recorded", replies[0].AsCard().Text());
        Assert.True(Assert.Single(replies.Skip(1)).AsCard().IsFollowUp());
        Assert.Equal(1, (await app.Services.GetRequiredService<IVoteStore>().GetTallyAsync(content.Id)).VotesFor(cause.Id));
    }

    [Fact]
    public async Task OneUserIdInFiveConversationsFromTheSameLinkCountsOneVote()
    {
        using var app = new BotApplication(data.Path);
        var content = app.Services.GetRequiredService<CurrentCampaign>().Content;
        var shareLink = new Uri(await ShareLinkFromTheBotAsync(app, new ChannelActivities("sharer", "sharers-chat", "directline"), storyNumber: 1));
        var code = System.Web.HttpUtility.ParseQueryString(shareLink.Query)["r"]!;

        // The same person, five chats opened from the link (five tabs, or the page reloaded), a vote in each.
        for (var chatNumber = 0; chatNumber < 5; chatNumber++)
        {
            var friend = new ChannelActivities("friend", $"friends-chat-{chatNumber}", "directline");
            var join = friend.Message("");
            join["type"] = "event";
            join["name"] = "webchat/join";
            join["value"] = new JObject { ["cause"] = content.Causes[chatNumber % 2].Id, ["referral"] = code };
            await app.ExpectRepliesAsync(join);
            await app.ExpectRepliesAsync(friend.Click(new JObject { ["action"] = "vote", ["causeId"] = content.Causes[chatNumber % 2].Id }));
        }

        var counts = await app.Services.GetRequiredService<IReferralStore>().GetCountsAsync(content.Id);
        Assert.Equal(1, counts.Sum(c => c.Votes));
        Assert.Equal(1, counts.Single(c => c.CauseId == content.Causes[0].Id).Votes);
    }

    [Fact]
    public async Task AHundredRandomWellFormedCodesOnSharePagesStoreNothingAndAnIssuedCodesVisitCounts()
    {
        using var app = new BotApplication(data.Path);
        var content = app.Services.GetRequiredService<CurrentCampaign>().Content;
        var http = app.CreateClient();
        var random = new Random(8);
        var cause = content.Causes[0];

        for (var i = 0; i < 100; i++)
        {
            var invented = new string(Enumerable.Range(0, 10).Select(_ => PledgeBot.Dialogs.Identity.PersonKeyHasher.ReferralAlphabet[random.Next(32)]).ToArray());
            var page = await new HtmlParser().ParseDocumentAsync(await http.GetStringAsync($"/c/{content.Causes[i % 4].Id}?r={invented}"));

            // Treated like no code: the page works, and its chat link carries nothing.
            Assert.Equal($"/?cause={content.Causes[i % 4].Id}", ChatLinkOf(page));
        }

        Assert.Empty(await RowsAsTextAsync(app, "referral_counts"));
        Assert.Empty(await RowsAsTextAsync(app, "referral_codes"));

        var shareLink = new Uri(await ShareLinkFromTheBotAsync(app, new ChannelActivities("sharer", "sharers-chat"), storyNumber: 1));
        var code = System.Web.HttpUtility.ParseQueryString(shareLink.Query)["r"]!;
        var sharePage = await new HtmlParser().ParseDocumentAsync(await http.GetStringAsync(shareLink.PathAndQuery));

        Assert.Equal($"/?cause={cause.Id}&r={code}", ChatLinkOf(sharePage));
        Assert.Equal([new ReferralCounts(code, cause.Id, 1, 0, 0)], await app.Services.GetRequiredService<IReferralStore>().GetCountsAsync(content.Id));
    }

    [Fact]
    public async Task AShareCardIsStillGivenWhenItsCodeCannotBeNoted()
    {
        using var app = new BotApplication(data.Path, testServices: services =>
            services.Replace(ServiceDescriptor.Singleton<IReferralStore, BrokenReferralStore>()));

        var link = await ShareLinkFromTheBotAsync(app, new ChannelActivities("sharer", "sharers-chat"), storyNumber: 1);

        Assert.Contains("?r=", link);
    }

    public void Dispose() => data.Dispose();

    /// <summary>The person opens the stories, moves to the given one and asks for its share card; returns the card's link.</summary>
    private static async Task<string> ShareLinkFromTheBotAsync(BotApplication app, ChannelActivities sharer, int storyNumber)
    {
        var story = (await app.ExpectRepliesAsync(sharer.Message("stories"))).Last().AsCard();
        for (var number = 1; number < storyNumber; number++)
        {
            story = (await app.ExpectRepliesAsync(sharer.Click((JObject)story.Button("Next story")["data"]!))).Last().AsCard();
        }

        var share = (await app.ExpectRepliesAsync(sharer.Click((JObject)story.Button("Share")["data"]!))).First().AsCard();
        return share.Descendants().OfType<JObject>().Single(e => e.Value<string>("id") == "shareLink").Value<string>("value")!;
    }

    private static string? ChatLinkOf(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll("a").Single(a => a.TextContent.Contains("Talk to the campaign")).GetAttribute("href");

    private static async Task<JsonNode> ReadConfigAsync(HttpClient http, string path)
    {
        var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return ReadConfig(await response.Content.ReadAsStringAsync());
    }

    private static JsonNode ReadConfig(string html) =>
        JsonNode.Parse(new HtmlParser().ParseDocument(html).GetElementById("chat-config")!.TextContent)!;

    private static async Task<List<string>> RowsAsTextAsync(BotApplication app, string table)
    {
        var file = Path.Combine(app.DataDirectory, "pledgebot.db");
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {table}";
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows;
    }

    /// <summary>A database that refuses every write, as SQLite does when it is locked (or with <paramref name="problem"/>).</summary>
    private sealed class BrokenReferralStore(Func<Exception> problem) : IReferralStore
    {
        public BrokenReferralStore()
            : this(() => new SqliteException("database is locked", 5))
        {
        }

        public Task RecordIssuedCodeAsync(string campaignId, string code, CancellationToken cancellationToken = default) =>
            throw problem();

        public Task<bool> RecordVisitAsync(string campaignId, string code, string causeId, CancellationToken cancellationToken = default) =>
            throw problem();

        public Task<bool> RecordConversionAsync(
            string campaignId, string code, string causeId, ReferralConversion kind, string personKey, CancellationToken cancellationToken = default) =>
            throw problem();

        public Task<IReadOnlyList<ReferralCounts>> GetCountsAsync(string campaignId, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<ReferralCounts>>([]);

        public Task ForgetPersonAsync(string personKey, CancellationToken cancellationToken = default) =>
            throw problem();
    }
}
