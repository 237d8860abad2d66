using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.DirectLine;

/// <summary>
/// An open web chat keeps polling with the watermark it last had. When the server restarts, or
/// forgets the conversation, what comes next must still be numbered above that watermark, or
/// the page never shows the person's message or the bot's answer.
/// </summary>
public sealed class DirectLineWatermarkTests : IDisposable
{
    private readonly TempFolder data = new();
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private readonly List<BotApplication> hosts = [];

    [Fact]
    public async Task AnOpenChatGetsItsMessageAndTheReplyAfterTheServerRestarts()
    {
        var page = await OpenChatWithHistoryAsync(Start());
        var watermarkBefore = page.Watermark;
        hosts[0].Dispose();

        clock.Advance(TimeSpan.FromSeconds(5)); // a restart takes a moment
        page = page.ContinueOn(Start().CreateClient());
        await page.SayAsync("results");
        var fresh = await page.PollAsync();

        Assert.Equal(2, fresh.Count);
        Assert.Equal("results", fresh[0].Value<string>("text"));
        Assert.Contains("so far", fresh[1].AsCard().Text());
        Assert.True(long.Parse(page.Watermark) > long.Parse(watermarkBefore));
    }

    [Fact]
    public async Task AnOpenChatWhoseConversationWasForgottenGetsItsMessageAndTheReply()
    {
        var app = Start(new() { ["DirectLine:MaxConversations"] = "1" });
        var page = await OpenChatWithHistoryAsync(app);
        var history = await page.GetActivitiesAsync("");

        // Someone else's chat pushes this one out of memory.
        await new DirectLineClient(app.CreateClient()).StartAsync();
        await page.SayAsync("results");
        var fresh = await page.PollAsync();

        Assert.Equal(2, fresh.Count);
        Assert.Equal("results", fresh[0].Value<string>("text"));
        Assert.Contains("so far", fresh[1].AsCard().Text());
        var oldIds = (await DirectLineClient.ReadJsonAsync(history, System.Net.HttpStatusCode.OK))["activities"]!.Select(a => a.Value<string>("id"));
        Assert.DoesNotContain(fresh[0].Value<string>("id"), oldIds);
        Assert.DoesNotContain(fresh[1].Value<string>("id"), oldIds);
    }

    [Fact]
    public async Task AnOpenChatStillGetsNewActivitiesWhenTheRestartedServersClockIsBehind()
    {
        var page = await OpenChatWithHistoryAsync(Start());
        hosts[0].Dispose();

        // The restarted server's clock was put back an hour.
        page = page.ContinueOn(Start(clock: new FakeTimeProvider(clock.GetUtcNow() - TimeSpan.FromHours(1))).CreateClient());
        // Web Chat polls every second, so it polls before it posts, and adopts the lower watermark.
        Assert.Empty(await page.PollAsync());
        await page.SayAsync("results");
        var fresh = await page.PollAsync();

        Assert.Equal(2, fresh.Count);
        Assert.Equal("results", fresh[0].Value<string>("text"));
    }

    public void Dispose()
    {
        hosts.ForEach(host => host.Dispose());
        data.Dispose();
    }

    private BotApplication Start(Dictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        var host = BotApplication.StartOnKestrel(data.Path, settings, services => services.AddSingleton(clock ?? this.clock));
        hosts.Add(host);
        return host;
    }

    private static async Task<DirectLineClient> OpenChatWithHistoryAsync(BotApplication app)
    {
        var page = new DirectLineClient(app.CreateClient());
        await page.StartAsync();
        await page.SayAsync("hi");
        await page.SayAsync("stories");
        Assert.Equal(4, (await page.PollAsync()).Count);
        return page;
    }
}
