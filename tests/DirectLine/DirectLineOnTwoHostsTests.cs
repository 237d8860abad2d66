using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using PledgeBot.BotFramework;
using PledgeBot.DirectLine;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.DirectLine;

/// <summary>
/// Two instances of the bot behind one address, their built-in Direct Line conversations in one
/// PostgreSQL database: a web chat's requests reach either, as a load balancer sends them.
/// </summary>
public sealed class DirectLineOnTwoHostsTests : IAsyncLifetime
{
    private TwoInstancesOnPostgres? instances;
    private List<BotApplication> hosts = [];

    public async Task InitializeAsync()
    {
        instances = await TwoInstancesOnPostgres.StartAsync();
        hosts = [instances.First, instances.Second];
    }

    [PostgresFact]
    public async Task AWebChatWhoseRequestsAlternateBetweenTheHostsSeesEveryReplyOnceAndInOrder()
    {
        var onFirst = new DirectLineClient(hosts[0].CreateClient());
        await onFirst.StartAsync();
        var onSecond = onFirst.ContinueOn(hosts[1].CreateClient());
        var seen = new List<Newtonsoft.Json.Linq.JObject>();

        // Each message is posted to one host and the page's next poll goes to the other.
        await onFirst.SayAsync("hi");
        seen.AddRange(await onSecond.PollAsync());
        await onSecond.SayAsync("stories");
        var page = onSecond.ContinueOn(hosts[0].CreateClient());
        seen.AddRange(await page.PollAsync());
        await page.SayAsync("results");
        page = page.ContinueOn(hosts[1].CreateClient());
        seen.AddRange(await page.PollAsync());
        page = page.ContinueOn(hosts[0].CreateClient());
        Assert.Empty(await page.PollAsync());

        Assert.Equal(6, seen.Count);
        Assert.Equal(6, seen.Select(a => a.Value<string>("id")).Distinct().Count());
        Assert.Equal(["hi", "stories", "results"], seen.Where(a => a["from"]!.Value<string>("role") == "user").Select(a => a.Value<string>("text")));
        Assert.Equal(["user", "bot", "user", "bot", "user", "bot"], seen.Select(a => a["from"]!.Value<string>("role")));
        Assert.Contains("Story 1 of 4", seen[3].AsCard().Text());
        Assert.Contains("so far", seen[5].AsCard().Text());
    }

    [PostgresFact]
    public async Task TheBotsAddressGivenOutByOneHostIsTakenByTheOther()
    {
        var page = new DirectLineClient(hosts[0].CreateClient());
        await page.StartAsync();

        // The first instance's serviceUrl, reaching the second (as a load balancer in front of
        // DirectLine:ConnectorBaseUrl routes it, or as a proactive message from a stored reference).
        var givenOutByFirst = new Uri(hosts[0].Services.GetRequiredService<DirectLineConnector>().ServiceUrl);
        var second = new Uri(hosts[1].Services.GetRequiredService<DirectLineConnector>().ServiceUrl);
        var reference = new ConversationReference
        {
            ChannelId = DirectLineEndpoints.ChannelId,
            ServiceUrl = new UriBuilder(givenOutByFirst) { Port = second.Port }.Uri.AbsoluteUri,
            Conversation = new ConversationAccount(id: page.ConversationId),
            Bot = new ChannelAccount("pledgebot", "Campaign bot"),
        };
        await hosts[0].Services.GetRequiredService<AdapterWithErrorHandler>().ContinueConversationAsync(
            botAppId: string.Empty,
            reference,
            (turn, cancellationToken) => turn.SendActivityAsync(MessageFactory.Text("The vote closes tonight."), cancellationToken),
            CancellationToken.None);

        Assert.Equal("The vote closes tonight.", Assert.Single(await page.PollAsync()).Value<string>("text"));
    }

    public async Task DisposeAsync()
    {
        if (instances is not null)
        {
            await instances.DisposeAsync();
        }
    }
}
