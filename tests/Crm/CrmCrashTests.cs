using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Crm;

/// <summary>The bot process killed outright while deliveries to three CRMs are in flight, then started again.</summary>
public sealed class CrmCrashTests : IAsyncDisposable
{
    private const int People = 30;
    private readonly TempFolder data = new();
    private readonly List<IAsyncDisposable> standIns = [];

    [Fact]
    public async Task EveryPledgeReachesEveryCrmAfterAKillWithDeliveriesInFlightAndEachHoldsEachSupporterOnce()
    {
        var webhook = Started(await WebhookReceiverStandIn.StartAsync());
        var mailchimp = Started(await MailchimpStandIn.StartAsync());
        var actionNetwork = Started(await ActionNetworkStandIn.StartAsync(requestsPerSecond: 50));
        // The webhook receiver holds its answers, so that the kill lands with deliveries on the wire
        // (Mailchimp's slow answers make that likely there too, but not certain).
        webhook.HoldAnswers();
        mailchimp.AnswerDelay = TimeSpan.FromMilliseconds(200);
        string[] settings =
        [
            $"--Crm:Webhook:Url={webhook.Url}", $"--Crm:Webhook:Secret={webhook.Secret}", "--Crm:Webhook:MaxInFlight=4",
            .. mailchimp.Settings().Select(s => $"--{s.Key}={s.Value}"),
            $"--Crm:ActionNetwork:ApiKey={ActionNetworkStandIn.ApiKey}", $"--Crm:ActionNetwork:BaseUrl={actionNetwork.BaseUrl}",
            "--Crm:ActionNetwork:RequestsPerSecond=40", "--Crm:ActionNetwork:MaxInFlight=4",
            "--Pledges:DoubleOptIn=false",
        ];
        using (var bot = BotProcess.Start(data.Path, settings))
        {
            await bot.WaitUntilHealthyAsync();
            using var http = new HttpClient { BaseAddress = bot.Address };
            await Task.WhenAll(Enumerable.Range(0, People).Select(i =>
                PledgeConversation.TakePledgeAsync(http, new ChannelActivities($"person-{i}", $"chat-{i}"), $"Person{i}", Email(i))));
            await Eventually.TrueAsync(() => Task.FromResult(webhook.Calls.Count >= 4), "four webhook deliveries are in flight");
            bot.Crash();
        }

        Assert.Empty(webhook.Events);
        webhook.ReleaseAnswers();
        mailchimp.AnswerDelay = TimeSpan.Zero;
        using var restarted = BotProcess.Start(data.Path, settings);
        await restarted.WaitUntilHealthyAsync();

        var everyone = Enumerable.Range(0, People).Select(Email).Order().ToArray();
        var events = await webhook.WaitForEventsAsync(People);
        Assert.Equal(everyone, events.Select(e => (string)e.Data["email"]!).Order());
        Assert.Equal(People, events.Select(e => (string)e.Data["supporter_id"]!).Distinct().Count());
        // Deliveries cut off by the kill were made again, with the same webhook-id, and taken once.
        Assert.True(webhook.Calls.Count > People, $"{webhook.Calls.Count} calls for {People} events: the kill cut no delivery off");
        Assert.All(webhook.Calls, call => Assert.True(call.Verified));
        await Eventually.TrueAsync(() => Task.FromResult(mailchimp.MemberCount == People), "Mailchimp has every member");
        Assert.All(everyone, email => Assert.Equal("subscribed", mailchimp.Member(email)!.Status));
        await Eventually.TrueAsync(() => Task.FromResult(actionNetwork.People.Count == People), "Action Network has every person");
        Assert.Equal(everyone, actionNetwork.People.Select(p => p.Email).Order());
    }

    private static string Email(int i) => $"person{i}@example.org";

    private T Started<T>(T standIn)
        where T : IAsyncDisposable
    {
        standIns.Add(standIn);
        return standIn;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var standIn in standIns)
        {
            await standIn.DisposeAsync();
        }

        data.Dispose();
    }
}
