using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using PledgeBot.Dialogs.Content;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Telemetry;

/// <summary>The Prometheus scrape endpoint, its optional key, and what it counts of refused requests.</summary>
public sealed class MetricsEndpointTests : IDisposable
{
    private const string ScrapeKey = "scrape-key-for-tests-0123456789abcdef";
    private readonly TempFolder data = new();
    private readonly HostTelemetry telemetry = new();

    [Fact]
    public async Task AfterATurnTheScrapeShowsTheTurnsCounterInPrometheusText()
    {
        using var app = new BotApplication(data.Path);
        var client = app.CreateClient();

        await ExpectReplies.PostAsync(client, new ChannelActivities().Message("results"));

        string? scrape = null;
        await Eventually.TrueAsync(async () =>
        {
            var response = await client.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            scrape = await response.Content.ReadAsStringAsync();
            return scrape.Contains("pledgebot_turns_total{", StringComparison.Ordinal);
        }, "pledgebot_turns in the scrape");
        Assert.Contains("# TYPE pledgebot_turns_total counter", scrape);
        Assert.Matches("""pledgebot_turns_total\{[^}]*channel="emulator"[^}]*kind="results"[^}]*\} 1""", scrape);
        Assert.Contains("pledgebot_turn_duration_seconds_bucket{", scrape);
        Assert.Contains("http_server_request_duration_seconds", scrape);
    }

    [Fact]
    public async Task WithAScrapeKeyOnlyTheScraperThatPresentsItGetsTheMetrics()
    {
        using var app = new BotApplication(data.Path, new Dictionary<string, string?> { ["Telemetry:PrometheusScrapeKey"] = ScrapeKey });
        var client = app.CreateClient();

        var anonymous = await client.GetAsync("/metrics");
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", ScrapeKey + "x") } };
        using var right = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", ScrapeKey) } };

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(wrong)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(right)).StatusCode);
    }

    [Fact]
    public async Task WithPrometheusOffThereIsNoMetricsEndpoint()
    {
        using var app = new BotApplication(data.Path, new Dictionary<string, string?> { ["Telemetry:Prometheus"] = "false" });

        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task ARefusedTurnIsCountedAsARateLimitRefusal()
    {
        using var app = new BotApplication(data.Path, new Dictionary<string, string?>
        {
            ["RateLimits:TurnBurstPerPerson"] = "1",
            ["RateLimits:TurnsPerMinutePerPerson"] = "1",
        });
        var client = app.CreateClient();
        var person = new ChannelActivities("hasty-person", "hasty-chat");

        await ExpectReplies.PostAsync(client, person.Message("menu"));
        var refused = await client.PostAsync("/api/messages", new StringContent(person.Message("menu").ToString(), System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(1, telemetry.Sum(app.Services, "pledgebot.rate_limit.refusals", ("limit", "person-turns")));
        Assert.Equal(1, telemetry.Sum(app.Services, "pledgebot.turns"));
    }

    [Fact]
    public async Task ARefusalByAnEndpointsPolicyIsCountedUnderThatPolicy()
    {
        using var app = new BotApplication(data.Path, new Dictionary<string, string?> { ["RateLimits:SharePagesPerMinutePerAddress"] = "1" });
        var client = app.CreateClient();
        var cause = app.Services.GetRequiredService<CurrentCampaign>().Content.Causes[0].Id;

        await client.GetAsync("/c/" + cause);
        var refused = await client.GetAsync("/c/" + cause);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(1, telemetry.Sum(app.Services, "pledgebot.rate_limit.refusals", ("limit", "share-page")));
    }

    public void Dispose()
    {
        telemetry.Dispose();
        data.Dispose();
    }
}
