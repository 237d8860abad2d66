using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using PledgeBot.Dialogs.Content;
using PledgeBot.Storage;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Abuse;

/// <summary>
/// Floods through real sockets: one person's flood is slowed down without slowing anyone else, and
/// every refusal says when to come back. Assertions are on what happened, not on how fast.
/// </summary>
public sealed class RateLimitTests : IDisposable
{
    private readonly TempFolder data = new();
    private BotApplication? app;

    [Fact]
    public async Task AThousandVoteClicksFromOnePersonCountOnceMostAreRefusedAndOthersAreStillAnswered()
    {
        app = BotApplication.StartOnKestrel(data.Path);
        var client = app.CreateClient();
        var content = app.Services.GetRequiredService<CurrentCampaign>().Content;
        var flooder = new ChannelActivities("user-flood", "conversation-flood");
        var statuses = new ConcurrentBag<HttpStatusCode>();
        HttpStatusCode? otherPersonsAnswer = null;

        await Parallel.ForEachAsync(Enumerable.Range(0, 1000), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, cancellationToken) =>
        {
            if (i == 500)
            {
                var other = new ChannelActivities("user-other", "conversation-other").Click(new JObject { ["action"] = "vote", ["causeId"] = content.Causes[1].Id });
                otherPersonsAnswer = (await PostAsync(client, other)).StatusCode;
            }

            var click = flooder.Click(new JObject { ["action"] = "vote", ["causeId"] = content.Causes[i % content.Causes.Count].Id });
            var response = await PostAsync(client, click);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "429 without Retry-After");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        });

        Assert.Equal(HttpStatusCode.OK, otherPersonsAnswer);
        Assert.All(statuses, status => Assert.Contains(status, new[] { HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
        // With the defaults (a burst of 30, one a second back) most are refused however slow the machine is.
        Assert.True(statuses.Count(s => s == HttpStatusCode.TooManyRequests) > 500, $"{statuses.Count(s => s == HttpStatusCode.TooManyRequests)} of 1000 refused");
        var tally = await app.Services.GetRequiredService<IVoteStore>().GetTallyAsync(content.Id);
        Assert.Equal(2, tally.Total); // the flooder's one vote, however often changed, and the other person's
    }

    [Fact]
    public async Task ChatTokensArePerClientAddressAndTheRefusalSaysWhenToComeBack()
    {
        app = BotApplication.StartOnKestrel(data.Path, new Dictionary<string, string?> { ["RateLimits:ChatTokensPerMinutePerAddress"] = "3" });
        var client = app.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await client.PostAsync("/api/directline/token", null)).StatusCode);
        }

        var refused = await client.PostAsync("/api/directline/token", null);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        await AssertTooManyRequestsAsync(refused);
    }

    [Fact]
    public async Task OneAddressBringsOnlySoManyNewWebChatPeopleAnHourWhileKnownBrowsersGoOn()
    {
        app = BotApplication.StartOnKestrel(data.Path, new Dictionary<string, string?> { ["RateLimits:NewWebChatPeoplePerHourPerAddress"] = "3" });
        // A script that drops the cookie every time (a client that keeps none): each token would be a new person.
        using var scripted = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = app.ClientOptions.BaseAddress };

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            responses.Add(await scripted.PostAsync("/api/directline/token", null));
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], responses.Select(r => r.StatusCode));
        await AssertTooManyRequestsAsync(responses[3]);
        Assert.True(int.Parse(responses[3].Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 60);

        // A browser that kept its cookie is the same person, not a new one: it is still let in.
        using var again = new HttpRequestMessage(HttpMethod.Post, "/api/directline/token");
        again.Headers.Add("Cookie", responses[0].Headers.GetValues("Set-Cookie").Single().Split(';')[0]);
        Assert.Equal(HttpStatusCode.OK, (await scripted.SendAsync(again)).StatusCode);
    }

    [Fact]
    public async Task StartingDirectLineConversationsIsLimitedPerClientAddress()
    {
        app = BotApplication.StartOnKestrel(data.Path, new Dictionary<string, string?> { ["RateLimits:DirectLineConversationsPerMinutePerAddress"] = "2" });
        var client = new DirectLineClient(app.CreateClient());
        await client.StartAsync();

        var resumed = await client.SendAsync(HttpMethod.Post, "/v3/directline/conversations");
        var refused = await client.SendAsync(HttpMethod.Post, "/v3/directline/conversations");

        Assert.Equal(HttpStatusCode.Created, resumed.StatusCode);
        await AssertTooManyRequestsAsync(refused);
    }

    [Fact]
    public async Task DirectLineTurnsAreLimitedPerPersonNotPerAddress()
    {
        app = BotApplication.StartOnKestrel(data.Path, new Dictionary<string, string?>
        {
            ["RateLimits:TurnBurstPerPerson"] = "3",
            ["RateLimits:TurnsPerMinutePerPerson"] = "1",
        });
        var flooder = new DirectLineClient(app.CreateClient());
        var other = new DirectLineClient(app.CreateClient());
        await flooder.StartAsync();
        await other.StartAsync();

        for (var i = 0; i < 3; i++)
        {
            await flooder.SayAsync("results");
        }

        var refused = await flooder.PostActivityAsync(new JObject { ["type"] = "message", ["text"] = "results" });
        await AssertTooManyRequestsAsync(refused);
        Assert.NotEmpty(await other.SayAsync("results"));
    }

    [Fact]
    public async Task SharePagesAreLimitedPerClientAddress()
    {
        app = BotApplication.StartOnKestrel(data.Path, new Dictionary<string, string?> { ["RateLimits:SharePagesPerMinutePerAddress"] = "2" });
        var client = app.CreateClient();
        var cause = app.Services.GetRequiredService<CurrentCampaign>().Content.Causes[0].Id;

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/c/{cause}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/c/{cause}/card.png")).StatusCode);
        await AssertTooManyRequestsAsync(await client.GetAsync($"/c/{cause}"));
    }

    [Theory]
    [InlineData("RateLimits:TurnBurstPerPerson", "0")]
    [InlineData("RateLimits:SharePagesPerMinutePerAddress", "-1")]
    public void AnImpossibleLimitStopsTheStartNamingTheSetting(string setting, string value)
    {
        using var bad = new BotApplication(data.Path, new Dictionary<string, string?> { [setting] = value });

        var failure = Assert.ThrowsAny<Exception>(() => bad.CreateClient());

        Assert.Contains(setting.Split(':')[1], failure.ToString());
    }

    public void Dispose()
    {
        app?.Dispose();
        data.Dispose();
    }

    private static async Task AssertTooManyRequestsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "429 without Retry-After in seconds");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("try again in", await response.Content.ReadAsStringAsync());
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, JObject activity)
    {
        activity["deliveryMode"] = "expectReplies";
        return client.PostAsync("/api/messages", new StringContent(activity.ToString(), Encoding.UTF8, "application/json"));
    }
}
