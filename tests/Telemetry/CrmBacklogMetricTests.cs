using System.Text.RegularExpressions;
using PledgeBot.Tests.Support;
using static PledgeBot.Tests.Support.PledgeConversation;

namespace PledgeBot.Tests.Telemetry;

/// <summary>The outbox backlog an operator watches: deliveries a CRM has not yet taken, per CRM.</summary>
public sealed class CrmBacklogMetricTests : IAsyncLifetime
{
    private readonly TempFolder data = new();
    private WebhookReceiverStandIn receiver = null!;

    public async Task InitializeAsync() => receiver = await WebhookReceiverStandIn.StartAsync();

    public async Task DisposeAsync()
    {
        await receiver.DisposeAsync();
        data.Dispose();
    }

    [Fact]
    public async Task PledgesACrmRefusesShowAsItsBacklogInTheScrape()
    {
        receiver.Answer = 503;
        using var app = new BotApplication(data.Path, receiver.Settings());
        var http = app.CreateClient();

        await TakePledgeAsync(http, new ChannelActivities("anna", "anna-chat"), "Anna", "anna@example.org");
        await TakePledgeAsync(http, new ChannelActivities("ben", "ben-chat"), "Ben", "ben@example.org");

        await Eventually.TrueAsync(
            async () => Regex.IsMatch(await http.GetStringAsync("/metrics"), """pledgebot_crm_backlog\{[^}]*destination="webhook"[^}]*\} 2\n"""),
            "the scrape shows two deliveries waiting for the webhook");
    }
}
