using System.Net;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Abuse;

/// <summary>
/// Behind a reverse proxy every request comes from the proxy: the limits per client address must
/// count the people behind it apart, and only a proxy the operator named may say who they are.
/// </summary>
public sealed class ReverseProxyTests : IDisposable
{
    private readonly TempFolder data = new();
    private BotApplication? app;

    [Fact]
    public async Task BehindATrustedProxyEachForwardedClientHasItsOwnLimit()
    {
        app = Start(trustedProxies: "127.0.0.1");
        var client = app.CreateClient();

        var first = await TokenStatusesAsync(client, forwardedFor: "203.0.113.7", count: 3);
        var second = await TokenStatusesAsync(client, forwardedFor: "198.51.100.20", count: 2);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], first);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], second);
    }

    [Fact]
    public async Task WithoutATrustedProxyAForwardedAddressIsIgnoredSoNobodyEscapesTheLimitByMakingOneUp()
    {
        app = Start(trustedProxies: null);
        var client = app.CreateClient();

        var statuses = new List<HttpStatusCode>();
        foreach (var madeUp in new[] { "203.0.113.1", "203.0.113.2", "203.0.113.3" })
        {
            statuses.AddRange(await TokenStatusesAsync(client, madeUp, count: 1));
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public void ATrustedProxyThatIsNotAnAddressStopsTheStartNamingTheSetting()
    {
        var problem = Assert.ThrowsAny<Exception>(() => Start(trustedProxies: "proxy.internal").CreateClient());

        Assert.Contains("ReverseProxy:TrustedProxies: 'proxy.internal' is neither an address nor a network", problem.ToString());
    }

    private BotApplication Start(string? trustedProxies)
    {
        var settings = new Dictionary<string, string?> { ["RateLimits:ChatTokensPerMinutePerAddress"] = "2" };
        if (trustedProxies is not null)
        {
            settings["ReverseProxy:TrustedProxies:0"] = trustedProxies;
        }

        return BotApplication.StartOnKestrel(data.Path, settings);
    }

    private static async Task<List<HttpStatusCode>> TokenStatusesAsync(HttpClient client, string forwardedFor, int count)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/directline/token");
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            statuses.Add((await client.SendAsync(request)).StatusCode);
        }

        return statuses;
    }

    public void Dispose()
    {
        app?.Dispose();
        data.Dispose();
    }
}
