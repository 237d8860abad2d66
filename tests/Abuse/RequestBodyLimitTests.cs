using System.Net;
using System.Text;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Abuse;

/// <summary>Bodies larger than an endpoint takes are refused with 413 as they arrive, on real Kestrel.</summary>
public sealed class RequestBodyLimitTests : IDisposable
{
    private readonly TempFolder data = new();
    private readonly BotApplication app;

    public RequestBodyLimitTests() => app = BotApplication.StartOnKestrel(data.Path);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AnActivityOver512KilobytesGets413WithAProblemBody(bool chunked)
    {
        var activity = new ChannelActivities().Message(new string('a', 600 * 1024)).ToString();
        var content = new StringContent(activity, Encoding.UTF8, "application/json");
        if (chunked)
        {
            content.Headers.ContentLength = null;
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(activity))) };
            request.Headers.TransferEncodingChunked = true;
            request.Content.Headers.ContentType = new("application/json");
            await AssertTooLargeAsync(await app.CreateClient().SendAsync(request));
            return;
        }

        await AssertTooLargeAsync(await app.CreateClient().PostAsync("/api/messages", content));
    }

    [Fact]
    public async Task ATokenRequestWithABodyOverAKilobyteGets413()
    {
        var response = await app.CreateClient().PostAsync("/api/directline/token", new StringContent(new string('x', 4096)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    public void Dispose()
    {
        app.Dispose();
        data.Dispose();
    }

    private static async Task AssertTooLargeAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("larger than 512 KB", body);
        Assert.DoesNotContain("   at ", body);
    }
}
