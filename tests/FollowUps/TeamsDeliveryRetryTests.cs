using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PledgeBot.BotFramework;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.FollowUps;

/// <summary>
/// A follow-up to someone in Teams when Teams says "slow down": the host's clock is a fake one
/// that the tests move on, so the waits Teams asks for are checked without being waited out.
/// </summary>
public sealed class TeamsDeliveryRetryTests : IDisposable
{
    // Small against the waits checked here (a second or more).
    private static readonly TimeSpan ClockStep = TimeSpan.FromMilliseconds(100);

    private readonly TempFolder data = new();
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private readonly BotApplication app;

    public TeamsDeliveryRetryTests() => app = new BotApplication(data.Path, testServices: services => services.AddSingleton<TimeProvider>(clock));

    [Fact]
    public async Task ThrottledTwiceTheMessageIsSentAfterEachRetryAfterAndArrivesOnce()
    {
        await using var teams = await TeamsConnectorStandIn.StartAsync(clock);
        var person = TeamsRecipients.Person(teams.ServiceUrl, "tenant-contoso", "throttled");
        teams.FailNext(person.Conversation.Id, 2, 429, retryAfterSeconds: 2);

        var outcome = await SendWhileTheClockRunsAsync(person);

        Assert.Equal(ProactiveSendResult.Sent, outcome.Result);
        var requests = teams.Requests;
        Assert.Equal([429, 429, 200], requests.Select(r => r.Status));
        Assert.Single(teams.Accepted);
        for (var i = 1; i < requests.Count; i++)
        {
            var gap = requests[i].ArrivedAt - requests[i - 1].ArrivedAt;
            // Two seconds is more than the first backoff of its own could ever be.
            Assert.True(gap >= TimeSpan.FromSeconds(2), $"Retry {i} came {gap.TotalMilliseconds:0} ms after a 429 that asked for 2 s.");
        }
    }

    [Fact]
    public async Task AnUnavailableChannelIsTriedAgainAndTheMessageSent()
    {
        await using var teams = await TeamsConnectorStandIn.StartAsync(clock);
        var person = TeamsRecipients.Person(teams.ServiceUrl, "tenant-contoso", "unavailable");
        teams.FailNext(person.Conversation.Id, 1, 503);
        teams.FailNext(person.Conversation.Id, 1, 502);

        var outcome = await SendWhileTheClockRunsAsync(person);

        Assert.Equal(ProactiveSendResult.Sent, outcome.Result);
        Assert.Equal([503, 502, 200], teams.Requests.Select(r => r.Status));
    }

    [Fact]
    public async Task AChannelThatStaysBusyLeavesTheMessageForLaterWithItsRetryAfter()
    {
        await using var teams = await TeamsConnectorStandIn.StartAsync(clock);
        var person = TeamsRecipients.Person(teams.ServiceUrl, "tenant-contoso", "always-busy");
        teams.FailNext(person.Conversation.Id, 10, 429, retryAfterSeconds: 3);

        var outcome = await SendWhileTheClockRunsAsync(person);

        Assert.Equal(new ProactiveSendOutcome(ProactiveSendResult.RetryLater, "HTTP 429", TimeSpan.FromSeconds(3)), outcome);
        Assert.Equal(1 + 4, teams.Requests.Count); // the first attempt and Outbound:MaxRetries
        Assert.Empty(teams.Accepted);
    }

    public void Dispose()
    {
        app.Dispose();
        data.Dispose();
    }

    /// <summary>Sends while moving the host's clock on in small steps, as time would pass, so every wait the bot makes ends.</summary>
    private async Task<ProactiveSendOutcome> SendWhileTheClockRunsAsync(Microsoft.Bot.Schema.ConversationReference person)
    {
        var sending = app.Services.GetRequiredService<TeamsProactiveSender>().SendAsync(person, TeamsRecipients.Update("Voting has closed."));
        for (var step = 0; !sending.IsCompleted; step++)
        {
            Assert.True(step < 6_000, "Still not done after ten minutes on the host's clock.");
            await Task.Delay(1);
            clock.Advance(ClockStep);
        }

        return await sending;
    }
}
