using System.Net;
using System.Text;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Outbound;

/// <summary>
/// What the bot sends to a channel that answers "slow down": a local stand-in for the channel's
/// connector answers as each test scripts it. The host's clock is a fake one that the tests move
/// on, so a wait the channel asks for is checked to the millisecond without being waited out.
/// </summary>
public sealed class ChannelRetryTests : IDisposable
{
    private const string Conversation = "19:campaign-news@thread.tacv2";

    // Small against the waits checked here (a second or more), so an arrival's time on the host's clock is within one step of when it was due.
    private static readonly TimeSpan ClockStep = TimeSpan.FromMilliseconds(100);

    private readonly TempFolder data = new();
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private readonly BotApplication app;

    public ChannelRetryTests() => app = new BotApplication(data.Path, testServices: services => services.AddSingleton<TimeProvider>(clock));

    [Fact]
    public async Task AThrottledMessageIsSentAgainAfterRetryAfterAndArrivesOnce()
    {
        await using var channel = await ChannelConnectorStandIn.StartAsync(
            clock,
            new ScriptedAnswer(429, RetryAfterSeconds: 1),
            new ScriptedAnswer(429, RetryAfterSeconds: 1));

        await SendWhileTheClockRunsAsync(channel, "The vote closes tonight.");

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
        await using var channel = await ChannelConnectorStandIn.StartAsync(clock, new ScriptedAnswer(429, RetryAfterSeconds: 2));

        await SendWhileTheClockRunsAsync(channel, "Results are in.");

        var attempts = channel.Attempts;
        Assert.Equal([429, 200], attempts.Select(a => a.Status));
        AssertWaited(TimeSpan.FromSeconds(2), attempts[0], attempts[1]);
    }

    [Fact]
    public async Task AnUnavailableChannelIsTriedAgain()
    {
        await using var channel = await ChannelConnectorStandIn.StartAsync(clock, new ScriptedAnswer(503));

        await SendWhileTheClockRunsAsync(channel, "Results are in.");

        Assert.Equal([503, 200], channel.Attempts.Select(a => a.Status));
    }

    [Fact]
    public async Task ARefusedMessageIsNotSentAgainAndTheErrorSurfaces()
    {
        await using var channel = await ChannelConnectorStandIn.StartAsync(clock, new ScriptedAnswer(400));

        var error = await Assert.ThrowsAsync<ErrorResponseException>(
            () => ProactiveMessage.SendAsync(app, channel.ServiceUrl, Conversation, "Results are in."));

        Assert.Equal(HttpStatusCode.BadRequest, error.Response.StatusCode);
        Assert.Equal(400, Assert.Single(channel.Attempts).Status);
    }

    [Fact]
    public async Task AChannelAskingForALongerWaitThanTheCapGetsNoRetryAndTheErrorSurfaces()
    {
        await using var channel = await ChannelConnectorStandIn.StartAsync(clock, new ScriptedAnswer(429, RetryAfterSeconds: 120));

        var error = await Assert.ThrowsAsync<ErrorResponseException>(
            () => ProactiveMessage.SendAsync(app, channel.ServiceUrl, Conversation, "Results are in."));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.Response.StatusCode);
        Assert.Single(channel.Attempts);
    }

    [Fact]
    public async Task AReplyInATeamsTurnIsRetriedAndReachesThePerson()
    {
        await using var channel = await ChannelConnectorStandIn.StartAsync(clock, new ScriptedAnswer(429, RetryAfterSeconds: 1));
        var person = new ChannelActivities(conversationId: "a:1personal-chat", channelId: "msteams");
        var hi = person.Message("hi");
        hi["serviceUrl"] = channel.ServiceUrl; // no expectReplies: the bot answers by posting to the channel

        var response = await WhileTheClockRunsAsync(app.CreateClient().PostAsync("/api/messages", new StringContent(hi.ToString(), Encoding.UTF8, "application/json")));

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

    /// <summary>
    /// Sends a message while moving the host's clock on in small steps, as time would pass, so
    /// that every wait the bot makes ends; fails if it has not finished after ten minutes of it.
    /// (A wait is scheduled when the 429 comes back, which the test cannot see, so the clock runs
    /// rather than jumping.)
    /// </summary>
    private Task SendWhileTheClockRunsAsync(ChannelConnectorStandIn channel, string text) =>
        WhileTheClockRunsAsync(ProactiveMessage.SendAsync(app, channel.ServiceUrl, Conversation, text));

    private async Task<T> WhileTheClockRunsAsync<T>(Task<T> work)
    {
        await WhileTheClockRunsAsync((Task)work);
        return await work;
    }

    private async Task WhileTheClockRunsAsync(Task work)
    {
        for (var step = 0; !work.IsCompleted; step++)
        {
            Assert.True(step < 6_000, "Still not done after ten minutes on the host's clock.");
            await Task.Delay(1);
            clock.Advance(ClockStep);
        }

        await work;
    }

    /// <summary>The gap on the host's clock between a 429 and the retry: at least what the channel asked for, and not much more.</summary>
    private static void AssertWaited(TimeSpan retryAfter, PostAttempt first, PostAttempt next)
    {
        var gap = next.ArrivedAt - first.ArrivedAt;
        Assert.True(gap >= retryAfter, $"The retry came {gap.TotalMilliseconds:0} ms after the 429 that asked for {retryAfter.TotalSeconds:0} s.");
        Assert.True(gap <= retryAfter + TimeSpan.FromSeconds(1), $"The retry came {gap.TotalMilliseconds:0} ms after the 429 that asked for only {retryAfter.TotalSeconds:0} s.");
    }
}
