using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PledgeBot.Storage;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.FollowUps;

/// <summary>
/// Two instances of the bot on one PostgreSQL database send one follow-up together, as they do
/// behind a load balancer: each takes its own share of the queue, nobody is reached twice, and
/// with each instance set to half of Teams' limit per tenant (README, "Several instances"),
/// no tenant's second ever holds more than Teams allows.
/// </summary>
public sealed class FollowUpsOnTwoInstancesTests
{
    [PostgresFact]
    public async Task BothInstancesSendTheirShareAndEveryoneIsReachedOnceWithinTheTenantsLimit()
    {
        await using var teams = await TeamsConnectorStandIn.StartAsync();
        await using var instances = await TwoInstancesOnPostgres.StartAsync(
            new Dictionary<string, string?>
            {
                ["Outbound:RequestsPerSecondPerTenant"] = "25",
                // Each send's outcome, so that the test can tell which instance sent what.
                ["Logging:LogLevel:PledgeBot.BotFramework.TeamsProactiveSender"] = "Debug",
            },
            services => services.AddSingleton<CapturedLogs>().AddSingleton<ILoggerProvider>(sp => sp.GetRequiredService<CapturedLogs>()));
        var people = new[] { "tenant-contoso", "tenant-fabrikam" }.SelectMany(tenant => TeamsRecipients.InTenant(teams.ServiceUrl, tenant, 300)).ToList();
        var subscribers = new FollowUpSubscribers(instances.First.Services);
        await subscribers.SubscribeInTeamsAsync(people);

        var update = await subscribers.SendUpdateAsync("Voting has closed", "See the final results.");
        instances.Second.Services.GetRequiredService<FollowUpSignal>().Pulse();
        var progress = await subscribers.FinishedAsync(update, TimeSpan.FromMinutes(2));

        Assert.Equal(600, progress.Sent);
        Assert.Equal(people.Select(p => p.Conversation.Id).Order(), teams.Accepted.Select(a => a.ConversationId).Order());
        Assert.Equal(0, teams.LimitBreaks);
        var (first, second) = (SentBy(instances.First), SentBy(instances.Second));
        Assert.Equal(600, first + second);
        Assert.True(first > 0 && second > 0, $"One instance sent everything: {first} and {second}.");
    }

    private static int SentBy(BotApplication instance) =>
        instance.Services.GetRequiredService<CapturedLogs>().Entries.Count(e => e.Contains("Proactive message: Sent", StringComparison.Ordinal));
}
