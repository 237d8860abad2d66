using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Outbound;

/// <summary>
/// The bot keeps to Teams' 7 messages a second per conversation itself, instead of learning it
/// from 429s: the stand-in connector records when each message arrived.
/// </summary>
public sealed class ConversationPacingTests : IDisposable
{
    private const int PerSecond = 7;
    private const string Busy = "19:busy-team@thread.tacv2";
    private const string Quiet = "a:1personal-chat";

    private readonly TempFolder data = new();
    private readonly BotApplication app;

    public ConversationPacingTests() => app = new BotApplication(data.Path);

    [Fact]
    public async Task FifteenMessagesToOneConversationArriveNoMoreThanSevenInAnySecond()
    {
        await using var channel = await ChannelConnectorStandIn.StartAsync();

        await Task.WhenAll(Enumerable.Range(1, 15).Select(i => ProactiveMessage.SendAsync(app, channel.ServiceUrl, Busy, $"Update {i}")));

        var arrivals = channel.Accepted.Select(a => a.ArrivedAt).Order().ToList();
        Assert.Equal(15, arrivals.Count);
        for (var i = 0; i + PerSecond < arrivals.Count; i++)
        {
            var window = arrivals[i + PerSecond] - arrivals[i];
            Assert.True(window > TimeSpan.FromSeconds(1), $"Messages {i + 1} to {i + PerSecond + 1} arrived within {window.TotalMilliseconds:0} ms.");
        }
    }

    [Fact]
    public async Task ABusyConversationDoesNotHoldBackAnother()
    {
        await using var channel = await ChannelConnectorStandIn.StartAsync();
        // Three seconds' worth for the busy conversation, so a loaded machine still has two seconds' margin.
        var busySends = Enumerable.Range(1, (3 * PerSecond) + 1).Select(i => ProactiveMessage.SendAsync(app, channel.ServiceUrl, Busy, $"Update {i}")).ToList();
        await WaitUntilAsync(() => Arrivals(channel, Busy).Count == PerSecond);

        // The busy conversation's later messages now wait for their seconds; the quiet one's do not.
        await Task.WhenAll(Enumerable.Range(1, PerSecond).Select(i => ProactiveMessage.SendAsync(app, channel.ServiceUrl, Quiet, $"Reminder {i}")));
        await Task.WhenAll(busySends);

        var busy = Arrivals(channel, Busy);
        var quiet = Arrivals(channel, Quiet);
        Assert.Equal((3 * PerSecond) + 1, busy.Count);
        Assert.Equal(PerSecond, quiet.Count);
        Assert.True(
            quiet[^1] < busy[2 * PerSecond],
            $"The quiet conversation's last message came {(quiet[^1] - busy[0]).TotalMilliseconds:0} ms after the busy one's first, the busy one's fifteenth {(busy[2 * PerSecond] - busy[0]).TotalMilliseconds:0} ms after.");
    }

    public void Dispose()
    {
        app.Dispose();
        data.Dispose();
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var waited = 0; !condition(); waited++)
        {
            Assert.True(waited < 200, "The stand-in connector did not receive the messages within 10 s.");
            await Task.Delay(50);
        }
    }

    private static List<TimeSpan> Arrivals(ChannelConnectorStandIn channel, string conversation) =>
        channel.Accepted.Where(a => a.ConversationId == conversation).Select(a => a.ArrivedAt).Order().ToList();
}
