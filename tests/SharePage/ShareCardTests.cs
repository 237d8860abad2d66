using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using PledgeBot.SharePage;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.SharePage;

public sealed class ShareCardTests : IDisposable
{
    private readonly SharePageSite site = new();

    private string CardPath => $"/c/{site.PledgeCause.Id}/card.png";

    [Fact]
    public async Task ThePictureIsA1200By630Png()
    {
        var response = await site.Client.GetAsync(CardPath);
        var png = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((1200, 630), PngImage.ReadSize(png));
        Assert.Equal("public, max-age=300", response.Headers.CacheControl?.ToString());
        SharePageTests.AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task WhileTheCountsDoNotMoveThePictureKeepsItsETagAndAnswers304()
    {
        var first = await site.Client.GetAsync(CardPath);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);

        var second = await site.Client.GetAsync(CardPath);
        Assert.Equal(etag, second.Headers.ETag);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());

        using var conditional = new HttpRequestMessage(HttpMethod.Get, CardPath);
        conditional.Headers.IfNoneMatch.Add(etag);
        var notModified = await site.Client.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(etag, notModified.Headers.ETag);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        Assert.Equal(1, site.App.Services.GetRequiredService<ShareCardCache>().RenderCount);
    }

    [Fact]
    public async Task AfterAVoteThePictureChangesAndTheOldETagNoLongerMatches()
    {
        var before = await site.Client.GetAsync(CardPath);
        var beforeBytes = await before.Content.ReadAsByteArrayAsync();

        await site.VoteAsync(site.PledgeCause);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, CardPath);
        conditional.Headers.IfNoneMatch.Add(before.Headers.ETag!);
        var after = await site.Client.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
        Assert.NotEqual(beforeBytes, await after.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task APledgeChangesThePictureToo()
    {
        var before = (await site.Client.GetAsync(CardPath)).Headers.ETag;

        await site.PledgeAsync(site.PledgeCause);

        Assert.NotEqual(before, (await site.Client.GetAsync(CardPath)).Headers.ETag);
    }

    [Fact]
    public async Task ManyFirstRequestsAtOnceRenderThePictureOnce()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => site.Client.GetAsync(CardPath)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(responses.Select(r => r.Headers.ETag?.Tag).Distinct());
        Assert.Equal(1, site.App.Services.GetRequiredService<ShareCardCache>().RenderCount);
    }

    [Fact]
    public async Task EachCauseHasItsOwnPicture()
    {
        var tags = new HashSet<string?>();
        foreach (var cause in site.Content.Causes)
        {
            tags.Add((await site.Client.GetAsync($"/c/{cause.Id}/card.png")).Headers.ETag?.Tag);
        }

        Assert.Equal(site.Content.Causes.Count, tags.Count);
    }

    [Fact]
    public async Task AnyETagListIncludingTheCurrentOneAnswers304()
    {
        var etag = (await site.Client.GetAsync(CardPath)).Headers.ETag!;

        using var conditional = new HttpRequestMessage(HttpMethod.Get, CardPath);
        conditional.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"something-else\""));
        conditional.Headers.IfNoneMatch.Add(etag);

        Assert.Equal(HttpStatusCode.NotModified, (await site.Client.SendAsync(conditional)).StatusCode);
    }

    public void Dispose() => site.Dispose();
}
