using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Teams;
using PledgeBot.Storage;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Teams;

/// <summary>Teams-shaped activities through the real /api/messages, replies to a stand-in of Teams' connector.</summary>
public sealed class TeamsEndpointTests : IAsyncLifetime
{
    private readonly TempFolder data = new();
    private ConnectorStandIn teams = null!;
    private BotApplication app = null!;
    private CampaignContent content = null!;

    public async Task InitializeAsync()
    {
        teams = await ConnectorStandIn.StartAsync();
        app = new BotApplication(data.Path, new Dictionary<string, string?> { ["Teams:AllowedTenants:0"] = "tenant-contoso" });
        content = app.Services.GetRequiredService<CurrentCampaign>().Content;
    }

    [Fact]
    public async Task ACardActionIsAnsweredInTheHttpResponseWithTheUpdatedCard()
    {
        var anna = new TeamsActivities(teams.ServiceUrl, "aad-anna");

        var (status, body) = await PostAsync(anna.CardAction("vote", new JObject { ["action"] = "vote", ["causeId"] = content.Causes[0].Id }));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(200, body.Value<int>("statusCode"));
        Assert.Equal("application/vnd.microsoft.card.adaptive", body.Value<string>("type"));
        Assert.Equal("AdaptiveCard", body["value"]!.Value<string>("type"));
        Assert.Contains($"Your vote for {content.Causes[0].Title} is recorded", ((JObject)body["value"]!).Text());
        Assert.Empty(teams.Received);
    }

    [Fact]
    public async Task TwoPeopleVotingOnOneSharedCardEachGetTheirOwnView()
    {
        var anna = new TeamsActivities(teams.ServiceUrl, "aad-anna");
        var ben = new TeamsActivities(teams.ServiceUrl, "aad-ben");

        var annas = (await PostAsync(anna.CardAction("vote", new JObject { ["action"] = "vote", ["causeId"] = content.Causes[1].Id }))).Body;
        var bens = (await PostAsync(ben.CardAction("vote", new JObject { ["action"] = "vote", ["causeId"] = content.Causes[3].Id }))).Body;

        Assert.Contains($"**{content.Causes[1].Title}** (your vote): 1 vote (100%)", ((JObject)annas["value"]!).Text());
        Assert.Contains($"**{content.Causes[3].Title}** (your vote): 1 vote (50%)", ((JObject)bens["value"]!).Text());
        Assert.Contains($"**{content.Causes[1].Title}**: 1 vote (50%)", ((JObject)bens["value"]!).Text());
        Assert.Equal(2, (await app.Services.GetRequiredService<IVoteStore>().GetTallyAsync(content.Id)).Total);
    }

    [Fact]
    public async Task TheShareSearchReturnsTheMatchingCauses()
    {
        var (status, body) = await PostAsync(new TeamsActivities(teams.ServiceUrl, "aad-anna").Search("refugees"));

        Assert.Equal(HttpStatusCode.OK, status);
        var attachments = body["composeExtension"]!["attachments"]!.Children<JObject>().ToList();
        Assert.Equal(["Refugees from Burundi in Tanzania", "Rohingya Refugees in India"], attachments.Select(a => a["preview"]!["content"]!.Value<string>("title")));
        Assert.All(attachments, a => Assert.Equal("application/vnd.microsoft.card.adaptive", a.Value<string>("contentType")));
    }

    [Fact]
    public async Task AMentionInAGroupChatIsAnsweredThroughTeamsConnector()
    {
        var (status, _) = await PostAsync(new TeamsActivities(teams.ServiceUrl, "aad-anna").Message("results", mentionedBotName: "Campaign bot"));

        Assert.Equal(HttpStatusCode.OK, status);
        var reply = Assert.Single(teams.Received);
        var card = reply.AsCard();
        Assert.Contains("Results so far", card.Text());
        Assert.Equal("refresh", card["refresh"]!["action"]!.Value<string>("verb"));
        Assert.Equal("19:group-chat-1@thread.v2", reply["conversation"]!.Value<string>("id"));
    }

    [Fact]
    public async Task AnotherOrganisationIsRefusedAndNothingIsStored()
    {
        var eve = new TeamsActivities(teams.ServiceUrl, "aad-eve", tenantId: "tenant-fabrikam");

        var (_, invoke) = await PostAsync(eve.CardAction("vote", new JObject { ["action"] = "vote", ["causeId"] = content.Causes[0].Id }));
        await PostAsync(eve.Message("vote"));

        Assert.Equal(TeamsTenantGate.Refusal, invoke.Value<string>("value"));
        Assert.Equal(TeamsTenantGate.Refusal, Assert.Single(teams.Received).Value<string>("text"));
        Assert.Equal(0, (await app.Services.GetRequiredService<IVoteStore>().GetTallyAsync(content.Id)).Total);
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await teams.DisposeAsync();
        data.Dispose();
    }

    private async Task<(HttpStatusCode Status, JObject Body)> PostAsync(JObject activity)
    {
        var response = await app.CreateClient().PostAsync("/api/messages", new StringContent(activity.ToString(), Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 ? JObject.Parse(text) : []);
    }
}
