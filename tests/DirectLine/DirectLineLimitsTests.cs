using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PledgeBot.DirectLine;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.DirectLine;

public sealed class DirectLineLimitsTests : IDisposable
{
    private readonly TempFolder data = new();
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private BotApplication? app;

    [Fact]
    public async Task AnExpiredTokenGets403AndCannotBeRefreshed()
    {
        var client = Start(new() { ["DirectLine:TokenLifetimeMinutes"] = "30" });
        await client.StartAsync();

        clock.Advance(TimeSpan.FromMinutes(31));

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetActivitiesAsync("")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.RefreshAsync()).StatusCode);
    }

    [Fact]
    public async Task AConversationKeepsOnlyItsMostRecentActivities()
    {
        var client = Start(new() { ["DirectLine:MaxActivitiesPerConversation"] = "4" });
        await client.StartAsync();

        foreach (var word in new[] { "hi", "stories", "results" })
        {
            await client.SayAsync(word);
        }

        var kept = await client.PollAsync();
        Assert.Equal(4, kept.Count);
        Assert.Equal("stories", kept[0].Value<string>("text"));
        Assert.EndsWith($"|{client.Watermark}", kept[^1].Value<string>("id"));
    }

    [Fact]
    public async Task AnIdleConversationIsForgotten()
    {
        var client = Start(new() { ["DirectLine:ConversationIdleMinutes"] = "60", ["DirectLine:TokenLifetimeMinutes"] = "240" });
        await client.StartAsync();
        await client.SayAsync("hi");
        var conversations = app!.Services.GetRequiredService<DirectLineConversations>();
        Assert.Equal(1, conversations.Count);

        clock.Advance(TimeSpan.FromMinutes(61));
        for (var wait = 0; wait < 100 && conversations.Count > 0; wait++)
        {
            await Task.Delay(50); // the sweeper runs on the advanced clock's timer
        }

        Assert.Equal(0, conversations.Count);
        Assert.Empty(await client.PollAsync());
    }

    [Fact]
    public async Task BeyondTheMaximumTheLeastRecentlyUsedConversationIsForgotten()
    {
        Start(new() { ["DirectLine:MaxConversations"] = "2" });
        var clients = Enumerable.Range(0, 3).Select(_ => new DirectLineClient(app!.CreateClient())).ToList();
        foreach (var client in clients)
        {
            await client.StartAsync();
            await client.SayAsync("hi");
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(2, app!.Services.GetRequiredService<DirectLineConversations>().Count);
        Assert.Equal(2, (await clients[2].PollAsync()).Count);
        Assert.Empty(await clients[0].PollAsync());
    }

    public void Dispose()
    {
        app?.Dispose();
        data.Dispose();
    }

    private DirectLineClient Start(Dictionary<string, string?> settings)
    {
        app = BotApplication.StartOnKestrel(data.Path, settings, services => services.AddSingleton<TimeProvider>(clock));
        return new DirectLineClient(app.CreateClient());
    }
}
