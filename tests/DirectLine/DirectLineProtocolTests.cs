using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using PledgeBot.Dialogs.Content;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.DirectLine;

/// <summary>
/// The built-in Direct Line over real HTTP: the host runs on Kestrel because the bot delivers its
/// replies by calling the channel's serviceUrl, which is this same host. The tests share one
/// host: each test's client is a new person in a conversation of their own.
/// </summary>
public sealed class DirectLineProtocolTests : IClassFixture<SharedKestrelBotApplication>
{
    private readonly BotApplication app;
    private readonly DirectLineClient client;

    public DirectLineProtocolTests(SharedKestrelBotApplication host)
    {
        app = host.App;
        client = new DirectLineClient(app.CreateClient());
    }

    [Fact]
    public async Task TheChatTokenPointsThePageAtTheBuiltInDirectLine()
    {
        var issued = await client.StartAsync();

        Assert.Equal("/v3/directline", issued.Value<string>("domain"));
        Assert.StartsWith("dl_", issued.Value<string>("userId"));
        Assert.True(issued.Value<int>("expiresIn") > 0);
    }

    [Fact]
    public async Task TheUsersOwnActivityComesBackWithItsIdFollowedByTheBotsReply()
    {
        await client.StartAsync();

        var id = await client.SayAsync("hi");
        var activities = await client.PollAsync();

        Assert.Equal(2, activities.Count);
        Assert.Equal(id, activities[0].Value<string>("id"));
        Assert.Equal("hi", activities[0].Value<string>("text"));
        Assert.StartsWith("client-", activities[0]["channelData"]!.Value<string>("clientActivityID"));
        Assert.Equal("user", activities[0]["from"]!.Value<string>("role"));
        Assert.NotEqual("someone-else", activities[0]["from"]!.Value<string>("id")); // the token's user, not the body's
        Assert.Equal("bot", activities[1]["from"]!.Value<string>("role"));
        Assert.Equal(id, activities[1].Value<string>("replyToId"));
        Assert.Contains("Read the stories", activities[1].AsCard().ButtonTitles());
        Assert.All(activities, a => Assert.Null(a["serviceUrl"]));
    }

    [Fact]
    public async Task PollingWithTheWatermarkReturnsOnlyWhatIsNew()
    {
        await client.StartAsync();
        await client.SayAsync("hi");
        await client.PollAsync();

        Assert.Empty(await client.PollAsync());
        var content = app.Services.GetRequiredService<CurrentCampaign>().Content;
        await client.ClickAsync(new JObject { ["action"] = "vote", ["causeId"] = content.Causes[1].Id });
        var fresh = await client.PollAsync();

        // The click, the results, and the note that the web chat cannot reach the person later.
        Assert.Equal(3, fresh.Count);
        Assert.Contains($"Your vote for {content.Causes[1].Title} is recorded", fresh[1].AsCard().Text());
        Assert.True(fresh[2].AsCard().IsFollowUp());
        var everything = await DirectLineClient.ReadJsonAsync(await client.GetActivitiesAsync(""), HttpStatusCode.OK);
        Assert.Equal(5, everything["activities"]!.Count());
    }

    [Fact]
    public async Task TheJoinEventOpensTheChatAtTheCauseOfAShareLink()
    {
        await client.StartAsync();
        var content = app.Services.GetRequiredService<CurrentCampaign>().Content;

        await client.PostActivityAsync(new JObject
        {
            ["type"] = "event",
            ["name"] = "webchat/join",
            ["value"] = new JObject { ["cause"] = content.Causes[3].Id, ["locale"] = "en-GB" },
        });
        var reply = (await client.PollAsync()).Last().AsCard();

        Assert.Contains("Story 4 of 4", reply.Text());
        Assert.Contains(content.Causes[3].Title, reply.Text());
    }

    [Fact]
    public async Task AReconnectWithTheConversationIdResumesIt()
    {
        await client.StartAsync();
        await client.SayAsync("hi");

        var resumed = await DirectLineClient.ReadJsonAsync(
            await client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{client.ConversationId}?watermark=2"), HttpStatusCode.OK);

        Assert.Equal(client.ConversationId, resumed.Value<string>("conversationId"));
        Assert.Equal(2, (await client.PollAsync()).Count);
    }

    [Fact]
    public async Task ARefreshedTokenKeepsWorkingForTheSameConversation()
    {
        await client.StartAsync();

        var refreshed = await DirectLineClient.ReadJsonAsync(await client.RefreshAsync(), HttpStatusCode.OK);
        client.Token = refreshed.Value<string>("token")!;

        Assert.Equal(client.ConversationId, refreshed.Value<string>("conversationId"));
        await client.SayAsync("hi");
        Assert.Equal(2, (await client.PollAsync()).Count);
    }

    [Fact]
    public async Task ATokenCannotReadOrPostToAnotherConversation()
    {
        var other = new DirectLineClient(app.CreateClient());
        await other.StartAsync();
        await other.SayAsync("my private answer");
        await client.StartAsync();

        var read = await client.GetActivitiesAsync("", other.ConversationId);
        var post = await client.PostActivityAsync(new JObject { ["type"] = "message", ["text"] = "hi" }, other.ConversationId);

        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.DoesNotContain("my private answer", await read.Content.ReadAsStringAsync());
        Assert.Equal(2, (await other.PollAsync()).Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJjb252IjoieCIsInVzZXIiOiJ5In0.c2lnbmF0dXJl")]
    public async Task AMissingOrBadTokenGets401(string token)
    {
        await client.StartAsync();
        var conversationId = client.ConversationId;
        client.Token = token;

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetActivitiesAsync("", conversationId)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostActivityAsync(new JObject { ["type"] = "message", ["text"] = "hi" }, conversationId)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(HttpMethod.Post, "/v3/directline/conversations")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.RefreshAsync()).StatusCode);
    }

    [Theory]
    [InlineData("{\"type\":\"message\",\"text\":\"hi")]
    [InlineData("""{"type":"invoke","name":"adaptiveCard/action"}""")]
    [InlineData("""{"type":"conversationUpdate"}""")]
    public async Task ABadActivityGets400AndReachesNobody(string body)
    {
        await client.StartAsync();

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{client.ConversationId}/activities")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", client.Token);
        var response = await app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await client.PollAsync());
    }

    [Fact]
    public async Task TextLongerThanTheLimitIsRefused()
    {
        await client.StartAsync();

        var response = await client.PostActivityAsync(new JObject { ["type"] = "message", ["text"] = new string('a', 4001) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await client.PollAsync());
    }
}
