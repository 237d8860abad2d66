using Microsoft.Extensions.DependencyInjection;
using PledgeBot.Storage;
using PledgeBot.Storage.Sqlite;
using PledgeBot.Tests.Support;
using static PledgeBot.Tests.Support.PledgeConversation;

namespace PledgeBot.Tests.Crm;

/// <summary>Three CRMs configured at once: what one person does in the chat reaches each of them.</summary>
public sealed class EveryCrmTests : IAsyncDisposable
{
    private readonly TempFolder data = new();
    private readonly List<IAsyncDisposable> running = [];

    [Fact]
    public async Task APledgeAStopAndAForgetMeReachEveryConfiguredCrm()
    {
        var webhook = Started(await WebhookReceiverStandIn.StartAsync());
        var mailchimp = Started(await MailchimpStandIn.StartAsync());
        var actionNetwork = Started(await ActionNetworkStandIn.StartAsync());
        var settings = mailchimp.Settings(
            ("Crm:Webhook:Url", webhook.Url),
            ("Crm:Webhook:Secret", webhook.Secret),
            ("Crm:ActionNetwork:ApiKey", ActionNetworkStandIn.ApiKey),
            ("Crm:ActionNetwork:BaseUrl", actionNetwork.BaseUrl),
            ("Pledges:DoubleOptIn", "false"));
        var app = Started(new BotApplication(data.Path, settings));
        var http = app.CreateClient();
        var anna = new ChannelActivities("anna", "anna-chat");
        var ben = new ChannelActivities("ben", "ben-chat");

        await TakePledgeAsync(http, anna, "Anna", "anna@example.org");
        await TakePledgeAsync(http, ben, "Ben", "ben@example.org");
        await webhook.WaitForEventsAsync(2, "pledge.created");
        await Eventually.TrueAsync(() => Task.FromResult(mailchimp.MemberCount == 2 && actionNetwork.People.Count == 2), "both arrive at Mailchimp and Action Network");

        await SayAsync(http, anna, "stop");
        await ForgetMeAsync(http, ben);

        Assert.Equal("anna@example.org", (string)Assert.Single(await webhook.WaitForEventsAsync(1, "supporter.contact_withdrawn")).Data["email"]!);
        Assert.Equal("ben@example.org", (string)Assert.Single(await webhook.WaitForEventsAsync(1, "supporter.erased")).Data["email"]!);
        await Eventually.TrueAsync(() => Task.FromResult(mailchimp.Member("anna@example.org")?.Status == "unsubscribed"), "Anna is unsubscribed in Mailchimp");
        await Eventually.TrueAsync(() => Task.FromResult(mailchimp.IsForgotten("ben@example.org")), "Ben is deleted from Mailchimp");
        await Eventually.TrueAsync(
            () => Task.FromResult(actionNetwork.People.All(p => p.Status == "unsubscribed")),
            "both are unsubscribed in Action Network (which cannot delete through its API)");
        Assert.All(actionNetwork.People.Single(p => p.Email == "ben@example.org").CustomFields.Where(f => f.Key != "erasure_requested_on"), f => Assert.Equal("", f.Value));
        var deliveries = app.Services.GetRequiredService<ICrmDeliveries>();
        foreach (var crm in new[] { "webhook", "mailchimp", "action-network" })
        {
            await Eventually.TrueAsync(async () => (await deliveries.CountAsync(crm)) is { Delivered: 4, Pending: 0, Dead: 0 }, $"{crm} took all four records");
        }
    }

    private T Started<T>(T item)
        where T : IAsyncDisposable
    {
        running.Add(item);
        return item;
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = running.Count - 1; i >= 0; i--)
        {
            await running[i].DisposeAsync();
        }

        data.Dispose();
    }
}
