using Newtonsoft.Json.Linq;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Crm;

/// <summary>The bot process killed outright while CRM deliveries are in flight, then started again.</summary>
public sealed class CrmCrashTests : IAsyncDisposable
{
    private const int People = 30;
    private readonly TempFolder data = new();
    private WebhookReceiverStandIn? receiver;

    [Fact]
    public async Task EveryPledgeIsDeliveredAfterAKillWithDeliveriesInFlightAndTheReceiverHoldsEachSupporterOnce()
    {
        receiver = await WebhookReceiverStandIn.StartAsync();
        // Calls held unanswered, so that the kill lands with deliveries on the wire.
        receiver.HoldAnswers();
        var settings = new[] { $"--Crm:Webhook:Url={receiver.Url}", $"--Crm:Webhook:Secret={receiver.Secret}", "--Crm:Webhook:MaxInFlight=4" };
        using (var bot = BotProcess.Start(data.Path, settings))
        {
            await bot.WaitUntilHealthyAsync();
            using var http = new HttpClient { BaseAddress = bot.Address };
            await Task.WhenAll(Enumerable.Range(0, People).Select(i =>
                PledgeConversation.TakePledgeAsync(http, new ChannelActivities($"person-{i}", $"chat-{i}"), $"Person{i}", $"person{i}@example.org")));
            await Eventually.TrueAsync(() => Task.FromResult(receiver.Calls.Count >= 4), "four deliveries are in flight");
            bot.Crash();
        }

        Assert.Empty(receiver.Events);
        receiver.ReleaseAnswers();
        using var restarted = BotProcess.Start(data.Path, settings);
        await restarted.WaitUntilHealthyAsync();

        var events = await receiver.WaitForEventsAsync(People);
        Assert.Equal(People, events.Count);
        Assert.Equal(People, events.Select(e => (string)e.Data["supporter_id"]!).Distinct().Count());
        Assert.Equal(
            Enumerable.Range(0, People).Select(i => $"person{i}@example.org").Order(),
            events.Select(e => (string)e.Data["email"]!).Order());
        Assert.All(receiver.Calls, call => Assert.True(call.Verified));
        // Deliveries cut off by the kill were made again, with the same webhook-id, and taken once.
        Assert.True(receiver.Calls.Count > People, $"{receiver.Calls.Count} calls for {People} events: the kill cut no delivery off");
    }

    public async ValueTask DisposeAsync()
    {
        if (receiver is not null)
        {
            await receiver.DisposeAsync();
        }

        data.Dispose();
    }
}
