using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using PledgeBot.Dialogs.Content;
using PledgeBot.Storage;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Http;

// The refused requests share one secured host, where no vote is ever counted; the one test whose
// vote counts, and those that need other settings, start their own.
public sealed class AuthenticationTests(SharedSecuredBotApplication shared) : IClassFixture<SharedSecuredBotApplication>
{
    private const string AppId = SharedSecuredBotApplication.AppId;
    private const string ServiceUrl = "http://localhost:50000";

    private readonly OpenIdStandIn tokenService = shared.TokenService;
    private BotApplication securedBot = shared.App;

    [Fact]
    public async Task WithoutAnAppIdRequestsWithoutATokenAreAcceptedForLocalUse()
    {
        using var folder = new TempFolder();
        using var localBot = new BotApplication(folder.Path);

        var replies = await localBot.ExpectRepliesAsync(new ChannelActivities().Message("hi"));

        Assert.Contains("Read the stories", Assert.Single(replies).AsCard().ButtonTitles());
    }

    [Fact]
    public async Task WhenTheChannelsSigningKeysCannotBeFetchedATokenGets503WithRetryAfterAndNoStackTrace()
    {
        using var folder = new TempFolder();
        var settings = tokenService.BotSettings(AppId);
        settings["ToBotFromChannelOpenIdMetadataUrl"] = "https://127.0.0.1:9/openid";
        settings["ToBotFromEmulatorOpenIdMetadataUrl"] = "https://127.0.0.1:9/openid";
        using var cutOff = new BotApplication(folder.Path, settings);
        var content = cutOff.Services.GetRequiredService<CurrentCampaign>().Content;
        var vote = new ChannelActivities().Click(new JObject { ["action"] = "vote", ["causeId"] = content.Causes[0].Id });
        vote["deliveryMode"] = "expectReplies";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(vote.ToString(), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = AuthenticationHeaderValue.Parse("Bearer " + tokenService.IssueToken(AppId, ServiceUrl));

        var response = await cutOff.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(response.Headers.Contains("Retry-After"));
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, (await cutOff.Services.GetRequiredService<IVoteStore>().GetTallyAsync(content.Id)).Total);
    }

    [Fact]
    public async Task WithAnAppIdATokenFromTheChannelServiceIsAccepted()
    {
        using var folder = new TempFolder();
        using var ownBot = new BotApplication(folder.Path, tokenService.BotSettings(AppId));
        securedBot = ownBot; // its vote counts, so not on the shared host, where the other tests check that none does

        var response = await PostVoteAsync("Bearer " + tokenService.IssueToken(AppId, ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await VotesAsync());
    }

    public static TheoryData<string?> RefusedAuthorizations() => new()
    {
        null,
        "Bearer not-a-token",
        "Basic dXNlcjpwYXNz",
    };

    [Theory]
    [MemberData(nameof(RefusedAuthorizations))]
    public async Task WithAnAppIdARequestWithoutAValidTokenGets401AndChangesNothing(string? authorization)
    {
        var response = await PostVoteAsync(authorization);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await VotesAsync());
    }

    [Fact]
    public async Task AForgedTokenGets401AndChangesNothing()
    {
        var response = await PostVoteAsync("Bearer " + tokenService.IssueToken(AppId, ServiceUrl, forged: true));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await VotesAsync());
    }

    [Fact]
    public async Task AnExpiredTokenGets401()
    {
        var response = await PostVoteAsync("Bearer " + tokenService.IssueToken(AppId, ServiceUrl, expires: DateTime.UtcNow.AddHours(-1)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await VotesAsync());
    }

    [Fact]
    public async Task ATokenForAnotherBotGets401()
    {
        var response = await PostVoteAsync("Bearer " + tokenService.IssueToken("00000000-0000-0000-0000-0000000000ff", ServiceUrl));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await VotesAsync());
    }

    [Fact]
    public async Task WithAnAppIdATokenForAnotherServiceUrlGets401AndNothingIsSent()
    {
        // The channel's token names the address the bot must answer at; an activity naming another is refused.
        var response = await PostVoteAsync("Bearer " + tokenService.IssueToken(AppId, "https://smba.trafficmanager.net/teams/"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await VotesAsync());
    }

    private async Task<HttpResponseMessage> PostVoteAsync(string? authorization)
    {
        var content = securedBot.Services.GetRequiredService<CurrentCampaign>().Content;
        var vote = new ChannelActivities().Click(new JObject { ["action"] = "vote", ["causeId"] = content.Causes[0].Id });
        vote["deliveryMode"] = "expectReplies";
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(vote.ToString(), System.Text.Encoding.UTF8, "application/json"),
        };
        if (authorization is not null)
        {
            request.Headers.Authorization = AuthenticationHeaderValue.Parse(authorization);
        }

        return await securedBot.CreateClient().SendAsync(request);
    }

    private async Task<int> VotesAsync()
    {
        var content = securedBot.Services.GetRequiredService<CurrentCampaign>().Content;
        return (await securedBot.Services.GetRequiredService<IVoteStore>().GetTallyAsync(content.Id)).Total;
    }
}
