using System.Net;
using AngleSharp.Dom;
using Microsoft.Extensions.DependencyInjection;
using PledgeBot.Dialogs.Identity;
using PledgeBot.Storage;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.SharePage;

// The tests share one site; the two that assert counts (of votes, or of referral visits, which
// another test's issued code would add to) open a site of their own.
public sealed class SharePageTests(SharePageSite site) : IClassFixture<SharePageSite>
{

    [Fact]
    public async Task ThePageIsEnglishHtmlWithTheCausesTitleSummaryAndImage()
    {
        var cause = site.PledgeCause;

        var (response, page) = await site.GetPageAsync($"/c/{cause.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(cause.Title, page.QuerySelector("h1")?.TextContent);
        Assert.Equal(cause.Summary, page.QuerySelector(".share-summary")?.TextContent);
        var image = page.QuerySelector("img.share-image");
        Assert.Equal($"/campaign/{cause.Image.File}", image?.GetAttribute("src"));
        Assert.Equal(cause.Image.AltText, image?.GetAttribute("alt"));
        Assert.Contains("width=device-width", page.QuerySelector("meta[name=viewport]")?.GetAttribute("content"));
        Assert.Empty(page.QuerySelectorAll("script"));
        Assert.Empty(page.QuerySelectorAll("[style], style"));
    }

    [Fact]
    public async Task TheOpenGraphAndTwitterTagsDescribeTheCauseAndItsPicture()
    {
        var cause = site.PledgeCause;

        var (_, page) = await site.GetPageAsync($"/c/{cause.Id}");

        var pageUrl = $"{SharePageSite.PublicBaseUrl}c/{cause.Id}";
        var cardUrl = $"{pageUrl}/card.png";
        Assert.Equal("website", Meta(page, "og:type"));
        Assert.Equal(site.Content.Title, Meta(page, "og:site_name"));
        Assert.Equal(cause.Title, Meta(page, "og:title"));
        Assert.Equal(cause.Summary, Meta(page, "og:description"));
        Assert.Equal(pageUrl, Meta(page, "og:url"));
        Assert.Equal(cardUrl, Meta(page, "og:image"));
        Assert.Equal("1200", Meta(page, "og:image:width"));
        Assert.Equal("630", Meta(page, "og:image:height"));
        Assert.Contains(cause.Title, Meta(page, "og:image:alt"));
        Assert.Equal("summary_large_image", Meta(page, "twitter:card"));
        Assert.Equal(cause.Title, Meta(page, "twitter:title"));
        Assert.Equal(cause.Summary, Meta(page, "twitter:description"));
        Assert.Equal(cardUrl, Meta(page, "twitter:image"));
        Assert.Equal(Meta(page, "og:image:alt"), Meta(page, "twitter:image:alt"));
        Assert.Equal(pageUrl, page.QuerySelector("link[rel=canonical]")?.GetAttribute("href"));
    }

    [Fact]
    public async Task TheCanonicalAddressNeverCarriesTheReferralCode()
    {
        var cause = site.PledgeCause;

        var (_, page) = await site.GetPageAsync($"/c/{cause.Id}?r=abcdefghjk");

        Assert.Equal($"{SharePageSite.PublicBaseUrl}c/{cause.Id}", Meta(page, "og:url"));
        Assert.DoesNotContain("abcdefghjk", Meta(page, "og:image"));
        Assert.DoesNotContain("abcdefghjk", page.QuerySelector("link[rel=canonical]")?.GetAttribute("href"));
    }

    [Fact]
    public async Task TheChatLinkCarriesAnIssuedReferralCode()
    {
        var cause = site.PledgeCause;
        var code = new PersonKeyHasher(BotUnderTest.Secret).ReferralCode("someone");
        await site.App.Services.GetRequiredService<IReferralStore>().RecordIssuedCodeAsync(site.Content.Id, code);

        var (_, page) = await site.GetPageAsync($"/c/{cause.Id}?r={code}");

        Assert.Equal($"/?cause={cause.Id}&r={code}", ChatLink(page));
    }

    [Fact]
    public async Task TheChatLinkLeavesOutAWellFormedCodeNobodyWasGiven()
    {
        using var ownSite = new SharePageSite();
        var cause = ownSite.PledgeCause;
        var code = new PersonKeyHasher(BotUnderTest.Secret).ReferralCode("someone");

        var (response, page) = await ownSite.GetPageAsync($"/c/{cause.Id}?r={code}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"/?cause={cause.Id}", ChatLink(page));
        Assert.Empty(await ownSite.App.Services.GetRequiredService<IReferralStore>().GetCountsAsync(ownSite.Content.Id));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("abcdefghijk")] // eleven characters
    [InlineData("ABCDEFGHJK")] // upper case is not what the bot hands out
    [InlineData("abcdefghi0")] // 0 is not in the alphabet
    [InlineData("abcd%22%3E%3Cscript%3E")]
    [InlineData("abcdefghjk&r=bcdefghjkm")] // two codes: neither is trusted
    public async Task TheChatLinkLeavesOutAnythingElseInR(string r)
    {
        var cause = site.PledgeCause;

        var (response, page) = await site.GetPageAsync($"/c/{cause.Id}?r={r}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"/?cause={cause.Id}", ChatLink(page));
        Assert.DoesNotContain("<script>", page.DocumentElement.OuterHtml);
    }

    [Fact]
    public async Task TheCountsShowVotesShareAndPledgesAndFollowNewVotes()
    {
        using var ownSite = new SharePageSite();
        var cause = ownSite.PledgeCause;
        await ownSite.VoteAsync(cause, 1);
        await ownSite.VoteAsync(ownSite.OtherCause, 3);
        await ownSite.PledgeAsync(cause);

        var (_, before) = await ownSite.GetPageAsync($"/c/{cause.Id}");
        var beforeText = Counts(before);
        Assert.Contains("1 vote for this cause", beforeText);
        Assert.Contains("25% of all 4 votes", beforeText);
        Assert.Contains("1 person has taken the #NotOnMyScreen pledge", beforeText);
        Assert.Equal("25", before.QuerySelector("progress")?.GetAttribute("value"));

        await ownSite.VoteAsync(cause, 4);

        var (_, after) = await ownSite.GetPageAsync($"/c/{cause.Id}");
        Assert.Contains("5 votes for this cause", Counts(after));
        Assert.Contains("63% of all 8 votes", Counts(after));
        Assert.Equal("63", after.QuerySelector("progress")?.GetAttribute("value"));
    }

    [Fact]
    public async Task ACauseWithoutAPledgeShowsNoPledgeCount()
    {
        var (_, page) = await site.GetPageAsync($"/c/{site.OtherCause.Id}");

        Assert.DoesNotContain("pledge", Counts(page));
    }

    [Fact]
    public async Task ThePageIsCachedBrieflyAndCarriesTheSecurityHeaders()
    {
        var response = await site.Client.GetAsync($"/c/{site.PledgeCause.Id}?r=abcdefghjk");

        Assert.Equal("public, max-age=60", response.Headers.CacheControl?.ToString());
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task TheStylesheetsAreServedFromThisHost()
    {
        var (_, page) = await site.GetPageAsync($"/c/{site.PledgeCause.Id}");

        var sheets = page.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!).ToList();
        Assert.Equal(2, sheets.Count);
        foreach (var sheet in sheets)
        {
            Assert.StartsWith("/", sheet);
            var response = await site.Client.GetAsync(sheet);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        }

        var theme = await site.Client.GetStringAsync(sheets.Single(s => s.StartsWith("/share-theme.css", StringComparison.Ordinal)));
        Assert.Contains($"--accent: {site.Content.Theme.AccentColor};", theme);
    }

    internal static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        var policy = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(response.Headers.Contains("Referrer-Policy"));
    }

    private static string? Meta(IDocument page, string name) =>
        page.QuerySelector($"meta[property='{name}'], meta[name='{name}']")?.GetAttribute("content");

    private static string? ChatLink(IDocument page)
    {
        var link = page.QuerySelector("a.share-cta");
        Assert.Equal("Talk to the campaign", link?.TextContent);
        return link?.GetAttribute("href");
    }

    private static string Counts(IDocument page) =>
        string.Join("\n", page.QuerySelectorAll(".share-counts li").Select(li => li.TextContent));
}
