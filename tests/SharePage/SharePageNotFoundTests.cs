using System.Net;

namespace PledgeBot.Tests.SharePage;

// The tests only read pages, so they share one site.
public sealed class SharePageNotFoundTests(SharePageSite site) : IClassFixture<SharePageSite>
{

    [Theory]
    [InlineData("/c/no-such-cause")]
    [InlineData("/c/no-such-cause/card.png")]
    [InlineData("/c/")]
    [InlineData("/c")]
    [InlineData("/c/%2e%2e%2f%2e%2e%2fetc%2fpasswd")]
    [InlineData("/c/..%2F..%2Fappsettings.json")]
    [InlineData("/c/%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("/c/%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")]
    [InlineData("/c/%E2%80%AEevil-%F0%9F%92%A9-caus%C3%A9")]
    [InlineData("/c/protecting-innocence/extra/segments")]
    public async Task AnAddressNamingNoCauseGetsTheFriendly404WithoutEchoingIt(string path)
    {
        var response = await site.Client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("We couldn't find that cause", html);
        Assert.Contains("href=\"/\"", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("onerror", html);
        Assert.DoesNotContain("passwd", html);
        Assert.DoesNotContain("evil", html);
        Assert.DoesNotContain("Exception", html);
        SharePageTests.AssertSecurityHeaders(response);
    }

    [Theory]
    [InlineData("/c/%2e%2e")]
    [InlineData("/c/%2e%2e/%2e%2e/privacy")]
    [InlineData("/c/./../c/nope")]
    public async Task DotSegmentsAreResolvedBeforeRoutingAndNeverReachACause(string path)
    {
        // The server resolves ./ and ../ (encoded or not) first: what is left is an ordinary address.
        var response = await site.Client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{response.StatusCode}");
        Assert.DoesNotContain("og:url", html);
        Assert.DoesNotContain("%2e", html, StringComparison.OrdinalIgnoreCase);
        SharePageTests.AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task AVeryLongIdGetsTheFriendly404()
    {
        var response = await site.Client.GetAsync("/c/" + new string('a', 4000));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("We couldn't find that cause", html);
        Assert.DoesNotContain(new string('a', 100), html);
    }

    [Fact]
    public async Task TheFriendly404ListsTheCampaignsCauses()
    {
        var (_, page) = await site.GetPageAsync("/c/nope");

        var links = page.QuerySelectorAll("main li a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(site.Content.Causes.Select(c => $"/c/{c.Id}"), links);
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
    }

    [Theory]
    [InlineData("?r=%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("?r=%22%3E%3Cimg%20src%3Dx%3E&cause=%3Cscript%3E")]
    [InlineData("?%3Cscript%3E=1")]
    public async Task HostileQueriesOnAKnownCauseAreIgnored(string query)
    {
        var cause = site.PledgeCause;

        var response = await site.Client.GetAsync($"/c/{cause.Id}{query}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.Contains($"href=\"/?cause={cause.Id}\"", html);
    }
}
