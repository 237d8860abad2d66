using System.Net;
using System.Text;
using Microsoft.Bot.Schema;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Outbound;

/// <summary>
/// What the bot sends to a channel that answers "slow down": a local stand-in for the channel's
/// connector answers as each test scripts it, and records when each attempt arrived.
/// </summary>
public sealed class ChannelRetryTests : IDisposable
{
    private const string Conversation = "19:campaign-news@thread.tacv2";

    // Timers run on a coarse clock and may fire a few milliseconds before the precise one says;
    // far below any backoff that ignored Retry-After would be off by.
    private static readonly TimeSpan ClockTolerance = TimeSpan.FromMilliseconds(20);

    private readonly TempFolder data = new();
    private readonly BotApplication app;

    public ChannelRetryTests() => app = new BotApplication(data.Path);

    [Fact]
    public async Task AThrottledMessageIsSentAgainAfterRetryAfterAndArrivesOnce()
    {
        await using var channel = await ChannelConnectorStandIn.StartAsync(
            new ScriptedAnswer(429, RetryAfterSeconds: 1),
            new ScriptedAnswer(429, RetryAfterSeconds: 1));

        await ProactiveMessage.SendAsync(app, channel.ServiceUrl, Conversation, "The vote closes tonight.");

        var attempts = channel.Attempts;
        Assert.Equal([429, 429, 200], attempts.Select(a => a.Status));
        Assert.All(attempts, a => Assert.Equal((Conversation, "The vote closes tonight."), (a.ConversationId, a.Text)));
        Assert.Single(channel.Accepted);
        AssertWaited(TimeSpan.FromSeconds(1), attempts[0], attempts[1]);
        AssertWaited(TimeSpan.FromSeconds(1), attempts[1], attempts[2]);
    }

    [Fact]
    public async Task ALongerRetryAfterIsWaitedOutInFull()
    {
        // Two seconds is more than the first backoff of its own could ever be (about 1.4 s at most).
        await using var channel = await ChannelConnectorStandIn.StartAsync(new ScriptedAnswer(429, RetryAfterSeconds: 2));

        await ProactiveMessage.SendAsync(app, channel.ServiceUrl, Conversation, "Results are in.");

        var attempts = channel.Attempts;
        Assert.Equal([429, 200], attempts.Select(a => a.Status));
        AssertWaited(TimeSpan.FromSeconds(2), attempts[0], attempts[1]);
    }

    [Fact]
    public async Task AnUnavailableChannelIsTriedAgain()
    {
        await using var channel = await ChannelConnectorStandIn.StartAsync(new ScriptedAnswer(503));

        await ProactiveMessage.SendAsync(app, channel.ServiceUrl, Conversation, "Results are in.");

        Assert.Equal([503, 200], channel.Attempts.Select(a => a.Status));
    }

    [Fact]
    public async Task ARefusedMessageIsNotSentAgainAndTheErrorSurfaces()
    {
        await using var channel = await ChannelConnectorStandIn.StartAsync(new ScriptedAnswer(400));

        var error = await Assert.ThrowsAsync<ErrorResponseException>(
            () => ProactiveMessage.SendAsync(app, channel.ServiceUrl, Conversation, "Results are in."));

        Assert.Equal(HttpStatusCode.BadRequest, error.Response.StatusCode);
        Assert.Equal(400, Assert.Single(channel.Attempts).Status);
    }

    [Fact]
    public async Task AChannelAskingForALongerWaitThanTheCapGetsNoRetryAndTheErrorSurfaces()
    {
        await using var channel = await ChannelConnectorStandIn.StartAsync(new ScriptedAnswer(429, RetryAfterSeconds: 120));

        var error = await Assert.ThrowsAsync<ErrorResponseException>(
            () => ProactiveMessage.SendAsync(app, channel.ServiceUrl, Conversation, "Results are in."));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.Response.StatusCode);
        Assert.Single(channel.Attempts);
    }

    [Fact]
    public async Task AReplyInATeamsTurnIsRetriedAndReachesThePerson()
    {
        await using var channel = await ChannelConnectorStandIn.StartAsync(new ScriptedAnswer(429, RetryAfterSeconds: 1));
        var person = new ChannelActivities(conversationId: "a:1personal-chat", channelId: "msteams");
        var hi = person.Message("hi");
        hi["serviceUrl"] = channel.ServiceUrl; // no expectReplies: the bot answers by posting to the channel

        var response = await app.CreateClient().PostAsync("/api/messages", new StringContent(hi.ToString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var attempts = channel.Attempts;
        Assert.Equal([429, 200], attempts.Select(a => a.Status));
        Assert.All(attempts, a => Assert.Equal(hi.Value<string>("id"), a.ReplyToId));
        Assert.Equal(attempts[0].Activity.ToString(), attempts[1].Activity.ToString());
        Assert.Contains("Read the stories", attempts[1].Activity.AsCard().ButtonTitles());
    }

    public void Dispose()
    {
        app.Dispose();
        data.Dispose();
    }

    private static void AssertWaited(TimeSpan retryAfter, PostAttempt first, PostAttempt next)
    {
        var gap = next.ArrivedAt - first.ArrivedAt;
        Assert.True(gap >= retryAfter - ClockTolerance, $"The retry came {gap.TotalMilliseconds:0} ms after the 429 that asked for {retryAfter.TotalSeconds:0} s.");
    }
}
