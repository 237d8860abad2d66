using System.Diagnostics;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PledgeBot.BotFramework;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.FollowUps;

/// <summary>
/// Follow-ups to people in Teams, through the real host's sender, adapter and connector client,
/// against a stand-in of Teams' connector that keeps Teams' limits (7 messages a second per
/// conversation, 50 requests a second per tenant) and counts every request that breaks one.
/// </summary>
public sealed class TeamsDeliveryTests : IDisposable
{
    private readonly TempFolder data = new();
    private readonly CapturedLogs logs = new();
    private readonly BotApplication app;

    public TeamsDeliveryTests() => app = new BotApplication(data.Path, testServices: services => services.AddSingleton<ILoggerProvider>(logs));

    private TeamsProactiveSender Sender => app.Services.GetRequiredService<TeamsProactiveSender>();

    [Fact]
    public async Task EveryoneInThreeTenantsSentToAtOnceIsReachedOnceAndNoLimitIsBroken()
    {
        await using var teams = await TeamsConnectorStandIn.StartAsync();
        var tenants = new[] { "tenant-contoso", "tenant-fabrikam", "tenant-northwind" };
        var everyone = tenants.SelectMany(tenant => TeamsRecipients.InTenant(teams.ServiceUrl, tenant, 150)).ToList();
        await WarmUpAsync(teams);

        var outcomes = await Task.WhenAll(everyone.Select(person => Sender.SendAsync(person, TeamsRecipients.Update("Voting has closed: see the results."))));

        Assert.All(outcomes, outcome => Assert.Equal(ProactiveSendResult.Sent, outcome.Result));
        Assert.Equal(0, teams.LimitBreaks);
        var delivered = teams.Accepted.Where(d => tenants.Contains(d.TenantId)).ToList();
        Assert.Equal(
            everyone.Select(person => (person.Conversation.Id, person.Conversation.TenantId)).Order(),
            delivered.Select(d => (d.ConversationId, d.TenantId)).Order());
        Assert.All(delivered, d => Assert.Equal(("Voting has closed: see the results.", "application/vnd.microsoft.card.adaptive"), (d.Text, Assert.Single(d.AttachmentTypes))));
        Assert.All(tenants, tenant => Assert.InRange(teams.PeakPerSecond(tenant), 1, 50));
    }

    [Fact]
    public async Task ThreeTenantsAreServedSideBySideNotOneAfterTheOther()
    {
        await using var teams = await TeamsConnectorStandIn.StartAsync();
        await WarmUpAsync(teams);
        var tenants = new[] { "tenant-a", "tenant-b", "tenant-c" };

        await SendToAllAsync(tenants.SelectMany(tenant => TeamsRecipients.InTenant(teams.ServiceUrl, tenant, 150)).ToList());

        Assert.Equal(0, teams.LimitBreaks);
        Assert.Equal(WarmUpRecipients + (3 * 150), teams.Accepted.Count);
        // Side by side: each tenant needs two seconds for its 150 (50 a second), and all three were
        // being sent to at once for a good part of them. One after the other, no moment would have
        // all three. Read from arrivals, so a machine that is slow to start them all does not count.
        var spans = tenants.Select(tenant => teams.Accepted.Where(a => a.TenantId == tenant).Select(a => a.ArrivedAt).ToList()).ToList();
        var together = spans.Min(own => own.Max()) - spans.Max(own => own.Min());
        Assert.True(together > TimeSpan.FromSeconds(0.5), $"The three tenants were sent to together for {together.TotalSeconds:0.00} s: " + string.Join(", ", spans.Select(own => $"{own.Min()} to {own.Max()}")));
    }

    [Fact]
    public async Task AConversationGettingManyMessagesInABusyTenantKeepsBothLimits()
    {
        await using var teams = await TeamsConnectorStandIn.StartAsync();
        var crowd = TeamsRecipients.InTenant(teams.ServiceUrl, "tenant-contoso", 120);
        await WarmUpAsync(teams);
        var channel = TeamsRecipients.Person(teams.ServiceUrl, "tenant-contoso", "campaign-channel");

        var outcomes = await Task.WhenAll(crowd.Select(person => Sender.SendAsync(person, TeamsRecipients.Update("The pledge goal is reached.")))
            .Concat(Enumerable.Range(1, 22).Select(i => Sender.SendAsync(channel, TeamsRecipients.Update($"Update {i}")))));

        Assert.All(outcomes, outcome => Assert.Equal(ProactiveSendResult.Sent, outcome.Result));
        Assert.Equal(0, teams.LimitBreaks);
        Assert.Equal(22, teams.Accepted.Count(d => d.ConversationId == channel.Conversation.Id));
        Assert.Equal(Enumerable.Range(1, 22).Select(i => $"Update {i}").Order(), teams.Accepted.Where(d => d.ConversationId == channel.Conversation.Id).Select(d => d.Text).Order());
    }

    [Fact]
    public async Task SomeoneWhoBlockedTheBotIsBlockedAndTriedOnlyOnce()
    {
        await using var teams = await TeamsConnectorStandIn.StartAsync();
        var person = TeamsRecipients.Person(teams.ServiceUrl, "tenant-contoso", "blocked-the-bot");
        teams.BlockConversation(person.Conversation.Id);

        var outcome = await Sender.SendAsync(person, TeamsRecipients.Update("Voting has closed."));

        Assert.Equal((ProactiveSendResult.Blocked, "HTTP 403"), (outcome.Result, outcome.Reason));
        Assert.Single(teams.Requests);
        Assert.Empty(teams.Accepted);
    }

    [Fact]
    public async Task SomeoneWhoUninstalledTheBotIsBlockedWhileOthersInTheTenantAreReached()
    {
        await using var teams = await TeamsConnectorStandIn.StartAsync();
        var people = TeamsRecipients.InTenant(teams.ServiceUrl, "tenant-contoso", 3);
        teams.BlockUser(people[1].User.Id);

        var outcomes = await Task.WhenAll(people.Select(person => Sender.SendAsync(person, TeamsRecipients.Update("Voting has closed."))));

        Assert.Equal([ProactiveSendResult.Sent, ProactiveSendResult.Blocked, ProactiveSendResult.Sent], outcomes.Select(o => o.Result));
        Assert.Equal([people[0].Conversation.Id, people[2].Conversation.Id], teams.Accepted.Select(d => d.ConversationId).Order());
    }

    [Fact]
    public async Task AConversationThatNoLongerExistsIsBlocked()
    {
        await using var teams = await TeamsConnectorStandIn.StartAsync();
        var person = TeamsRecipients.Person(teams.ServiceUrl, "tenant-contoso", "left-the-organisation");
        teams.RemoveConversation(person.Conversation.Id);

        var outcome = await Sender.SendAsync(person, TeamsRecipients.Update("Voting has closed."));

        Assert.Equal((ProactiveSendResult.Blocked, "HTTP 404"), (outcome.Result, outcome.Reason));
        Assert.Single(teams.Requests);
    }

    [Fact]
    public async Task AMessageTheChannelRefusesFailsWithItsStatusOnlyAndIsNotSentAgain()
    {
        await using var teams = await TeamsConnectorStandIn.StartAsync();
        var person = TeamsRecipients.Person(teams.ServiceUrl, "tenant-contoso", "refused");
        teams.FailNext(person.Conversation.Id, 1, 400);

        var outcome = await Sender.SendAsync(person, TeamsRecipients.Update("Voting has closed."));

        Assert.Equal(new ProactiveSendOutcome(ProactiveSendResult.Failed, "HTTP 400"), outcome);
        Assert.Single(teams.Requests);
    }

    [Fact]
    public async Task AnInternalServerErrorIsLeftForLaterNotResentAtOnce()
    {
        // A 500 may come after the channel took the message; only the answers that say it was not
        // taken (429, 412, 502, 503, 504) are retried at once, so a 500 goes back to the queue.
        await using var teams = await TeamsConnectorStandIn.StartAsync();
        var person = TeamsRecipients.Person(teams.ServiceUrl, "tenant-contoso", "server-error");
        teams.FailNext(person.Conversation.Id, 1, 500);

        var outcome = await Sender.SendAsync(person, TeamsRecipients.Update("Voting has closed."));

        Assert.Equal((ProactiveSendResult.RetryLater, "HTTP 500"), (outcome.Result, outcome.Reason));
        Assert.Single(teams.Requests);
    }

    [Fact]
    public async Task SomeoneInATenantTheCampaignDoesNotServeGetsNothing()
    {
        await using var teams = await TeamsConnectorStandIn.StartAsync();
        using var campaignForContoso = new BotApplication(data.Path, new Dictionary<string, string?> { ["Teams:AllowedTenants:0"] = "tenant-contoso" });
        var outsider = TeamsRecipients.Person(teams.ServiceUrl, "tenant-elsewhere", "outsider");

        var outcome = await campaignForContoso.Services.GetRequiredService<TeamsProactiveSender>().SendAsync(outsider, TeamsRecipients.Update("Voting has closed."));

        Assert.Equal(ProactiveSendResult.Failed, outcome.Result);
        Assert.Empty(teams.Requests);
    }

    [Fact]
    public async Task TheLogsNameNoPersonConversationTenantOrText()
    {
        await using var teams = await TeamsConnectorStandIn.StartAsync();
        var sent = TeamsRecipients.Person(teams.ServiceUrl, "tenant-7f3a", "anna-sent");
        var blocked = TeamsRecipients.Person(teams.ServiceUrl, "tenant-7f3a", "ben-blocked");
        var refused = TeamsRecipients.Person(teams.ServiceUrl, "tenant-7f3a", "cleo-refused");
        teams.BlockConversation(blocked.Conversation.Id);
        teams.FailNext(refused.Conversation.Id, 1, 400);

        foreach (var person in new[] { sent, blocked, refused })
        {
            await Sender.SendAsync(person, TeamsRecipients.Update("Secret results for Anna"));
        }

        var written = string.Join("\n", logs.Entries);
        Assert.Contains("Proactive message: Blocked (HTTP 403)", written);
        Assert.Contains("Proactive message: Failed (HTTP 400)", written);
        Assert.All(new[] { "anna", "ben", "cleo", "tenant-7f3a", "Secret results" }, secret => Assert.DoesNotContain(secret, written, StringComparison.OrdinalIgnoreCase));
    }

    public void Dispose()
    {
        app.Dispose();
        data.Dispose();
    }

    /// <summary>
    /// A few sends in a tenant of their own first, as a running host has done: the pace keeps its
    /// 80 ms to spare for requests held up on their way, and the code's first run (compiling it,
    /// opening connections) holds them up by several times that.
    /// </summary>
    private const int WarmUpRecipients = 20;

    private Task WarmUpAsync(TeamsConnectorStandIn teams) => SendToAllAsync(TeamsRecipients.InTenant(teams.ServiceUrl, "tenant-warm-up", WarmUpRecipients));

    private async Task<TimeSpan> SendToAllAsync(IReadOnlyList<ConversationReference> people)
    {
        var started = Stopwatch.GetTimestamp();
        var outcomes = await Task.WhenAll(people.Select(person => Sender.SendAsync(person, TeamsRecipients.Update("Results are in."))));
        Assert.All(outcomes, outcome => Assert.Equal(ProactiveSendResult.Sent, outcome.Result));
        return Stopwatch.GetElapsedTime(started);
    }
}
