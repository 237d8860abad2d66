using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;

namespace PledgeBot.Tests.PublicResults;

// The tests share one site; those whose answer depends on the totals (which cause leads, or that
// nobody has voted yet) open a site of their own.
public sealed class PublicResultsPageTests(SharedResultsSite shared) : IClassFixture<SharedResultsSite>
{
    private readonly ResultsSite site = shared.Site;

    [Fact]
    public async Task ThePageIsEnglishHtmlInTheCampaignsThemeWithoutScript()
    {
        var (response, page) = await site.GetPageAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Results so far", page.QuerySelector("h1")?.TextContent);
        Assert.Equal(site.Content.Title, page.QuerySelector(".share-campaign a")?.TextContent);
        var styles = page.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!).ToList();
        Assert.Contains(styles, href => href.StartsWith("/web/share.css?v=", StringComparison.Ordinal));
        Assert.Contains(styles, href => href.StartsWith("/share-theme.css?v=", StringComparison.Ordinal));
        Assert.Empty(page.QuerySelectorAll("script"));
        Assert.Empty(page.QuerySelectorAll("[style], style"));
        Assert.DoesNotContain("unsafe-inline", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task TheOpenGraphAndTwitterTagsPreviewTheResultsWithTheLeadingCausesPicture()
    {
        using var ownSite = new ResultsSite();
        await ownSite.VoteAsync(ownSite.Cause(2), 2);
        await ownSite.VoteAsync(ownSite.Cause(1));

        var (_, page) = await ownSite.GetPageAsync();

        var pageUrl = $"{ResultsSite.PublicBaseUrl}results";
        var cardUrl = $"{ResultsSite.PublicBaseUrl}c/{ownSite.Cause(2).Id}/card.png";
        Assert.Equal("website", Meta(page, "og:type"));
        Assert.Equal(ownSite.Content.Title, Meta(page, "og:site_name"));
        Assert.Equal($"Results – {ownSite.Content.Title}", Meta(page, "og:title"));
        Assert.StartsWith("3 of 100 votes.", Meta(page, "og:description"));
        Assert.Equal(pageUrl, Meta(page, "og:url"));
        Assert.Equal(pageUrl, page.QuerySelector("link[rel=canonical]")?.GetAttribute("href"));
        Assert.Equal(cardUrl, Meta(page, "og:image"));
        Assert.Equal("1200", Meta(page, "og:image:width"));
        Assert.Equal("630", Meta(page, "og:image:height"));
        Assert.StartsWith($"{ownSite.Cause(2).Title}: 2 votes · 67%", Meta(page, "og:image:alt"));
        Assert.Equal("summary_large_image", Meta(page, "twitter:card"));
        Assert.Equal(Meta(page, "og:title"), Meta(page, "twitter:title"));
        Assert.Equal(Meta(page, "og:description"), Meta(page, "twitter:description"));
        Assert.Equal(cardUrl, Meta(page, "twitter:image"));
        Assert.Equal(Meta(page, "og:image:alt"), Meta(page, "twitter:image:alt"));
        Assert.Equal(HttpStatusCode.OK, (await ownSite.Client.GetAsync(new Uri(cardUrl).PathAndQuery)).StatusCode);
    }

    [Fact]
    public async Task BeforeAnyVoteTheFirstCausesPicturePreviewsTheLink()
    {
        using var ownSite = new ResultsSite();
        var (_, page) = await ownSite.GetPageAsync();

        Assert.Equal($"{ResultsSite.PublicBaseUrl}c/{ownSite.Cause(0).Id}/card.png", Meta(page, "og:image"));
    }

    [Theory]
    [InlineData("/results")]
    [InlineData("/results.json")]
    public async Task AnswersMayBeCachedBrieflyAndARepeatWithItsETagGetsNotModified(string path)
    {
        await site.VoteAsync(site.Cause(0));
        var first = await site.Client.GetAsync(path);

        Assert.Equal("public, max-age=30", first.Headers.CacheControl?.ToString());
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);

        using var again = new HttpRequestMessage(HttpMethod.Get, path);
        again.Headers.IfNoneMatch.Add(etag);
        var notModified = await site.Client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        await site.VoteAsync(site.Cause(1));
        using var afterAVote = new HttpRequestMessage(HttpMethod.Get, path);
        afterAVote.Headers.IfNoneMatch.Add(etag);
        var changed = await site.Client.SendAsync(afterAVote);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
    }

    [Fact]
    public async Task TheJsonIsJson()
    {
        var response = await site.Client.GetAsync("/results.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
    }

    [Theory]
    [InlineData("/results")]
    [InlineData("/results.json")]
    public async Task AHeadRequestGetsTheHeadersWithoutTheBody(string path)
    {
        var response = await site.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(response.Headers.ETag);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("?cause=%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("?r=abcdefghjk&lang=%22%3E%3Cimg%20src%3Dx%3E")]
    [InlineData("?callback=steal")]
    [InlineData("?%00=%FF%FE")]
    public async Task UnknownQueryStringsAreIgnoredAndNothingOfThemIsRepeated(string query)
    {
        await site.VoteAsync(site.Cause(0));
        var plainPage = await (await site.Client.GetAsync("/results")).Content.ReadAsStringAsync();
        var plainJson = await (await site.Client.GetAsync("/results.json")).Content.ReadAsStringAsync();

        var page = await site.Client.GetAsync("/results" + query);
        var json = await site.Client.GetAsync("/results.json" + query);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(plainPage, await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal(plainJson, await json.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/results/anything")]
    [InlineData("/results/%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("/results/a/b/c.json")]
    public async Task AnythingUnderResultsIsAFriendly404ThatRepeatsNothing(string path)
    {
        var (response, page) = await site.GetPageAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("We couldn't find that page", page.QuerySelector("h1")?.TextContent);
        Assert.NotNull(page.QuerySelector("a[href='/results']"));
        Assert.DoesNotContain("anything", page.DocumentElement.OuterHtml);
        Assert.DoesNotContain("alert", page.DocumentElement.OuterHtml);
        Assert.DoesNotContain("c.json", page.DocumentElement.OuterHtml);
        Assert.Empty(page.QuerySelectorAll("script"));
    }

    [Fact]
    public async Task APostIsNotAnsweredAsTheResults()
    {
        var response = await site.Client.PostAsync("/results", new StringContent("x"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task TheResultsShareTheSharePagesLimitPerAddress()
    {
        using var limited = new ResultsSite(settings: new Dictionary<string, string?> { ["RateLimits:SharePagesPerMinutePerAddress"] = "3" });

        Assert.Equal(HttpStatusCode.OK, (await limited.Client.GetAsync("/results")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await limited.Client.GetAsync("/results.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await limited.Client.GetAsync($"/c/{limited.Cause(0).Id}")).StatusCode);
        var refused = await limited.Client.GetAsync("/results?again=1");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
    }

    [Fact]
    public async Task TheCampaignsOwnTextsAreWrittenAsTextNeverAsMarkup()
    {
        const string campaignTitle = "Stand <b>\"With\"</b> & 'Them'";
        const string causeTitle = "<script>alert(1)</script>";
        const string pledgeTitle = "#Not<On>My&Screen";
        using var hostile = new ResultsSite(json =>
        {
            json["title"] = campaignTitle;
            json["causes"]![0]!["title"] = causeTitle;
            json["causes"]![0]!["pledge"]!["title"] = pledgeTitle;
        });
        await hostile.VoteAsync(hostile.Cause(0));

        var (_, page) = await hostile.GetPageAsync();

        Assert.Empty(page.QuerySelectorAll("script, b"));
        Assert.Equal(campaignTitle, page.QuerySelector(".share-campaign a")?.TextContent);
        Assert.Equal(campaignTitle, Meta(page, "og:site_name"));
        Assert.Equal($"Results – {campaignTitle}", page.Title);
        Assert.Equal(causeTitle, page.QuerySelector("section[aria-labelledby=results-causes] tbody th a")?.TextContent);
        Assert.StartsWith(causeTitle, Meta(page, "og:image:alt"));
        Assert.Equal(pledgeTitle, page.QuerySelector("section[aria-labelledby=results-pledges] h3")?.TextContent);
        var json = await hostile.GetJsonAsync();
        Assert.Equal(causeTitle, (string?)json["causes"]![0]!["title"]);
        Assert.DoesNotContain("<script>", await (await hostile.Client.GetAsync("/results.json")).Content.ReadAsStringAsync());
    }

    private static string? Meta(IDocument page, string name) =>
        (page.QuerySelector($"meta[property='{name}']") ?? page.QuerySelector($"meta[name='{name}']"))?.GetAttribute("content");
}
