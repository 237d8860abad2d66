using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PledgeBot.Dialogs.Content;
using PledgeBot.Storage;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Abuse;

/// <summary>Without an app id nothing proves who a sender is, so /api/messages answers the local machine only.</summary>
public sealed class LocalCallerTests : IDisposable
{
    private readonly TempFolder data = new();

    [Fact]
    public async Task AVoteFromTheLocalMachineIsTaken()
    {
        using var app = BotApplication.StartOnKestrel(data.Path);

        var response = await PostVoteAsync(app, forwardedFor: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await TallyAsync(app));
    }

    [Theory]
    [InlineData("X-Forwarded-For", "203.0.113.7")]
    [InlineData("Forwarded", "for=203.0.113.7")]
    public async Task AnActivityAReverseProxyForwardedIsRefusedAndCountsNothing(string header, string value)
    {
        using var app = BotApplication.StartOnKestrel(data.Path);

        var response = await PostVoteAsync(app, (header, value));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("local machine only", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await TallyAsync(app));
    }

    [Fact]
    public async Task AnOperatorCanOpenItToOtherMachinesOnAClosedNetwork()
    {
        using var app = BotApplication.StartOnKestrel(data.Path, new Dictionary<string, string?> { ["Channels:AllowRemoteCallersWithoutAppId"] = "true" });

        var response = await PostVoteAsync(app, ("X-Forwarded-For", "203.0.113.7"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<HttpResponseMessage> PostVoteAsync(BotApplication app, (string Name, string Value)? forwardedFor)
    {
        var content = app.Services.GetRequiredService<CurrentCampaign>().Content;
        var activity = new ChannelActivities("sybil-1", "sybil-chat").Click(new Newtonsoft.Json.Linq.JObject { ["action"] = "vote", ["causeId"] = content.Causes[0].Id });
        activity["deliveryMode"] = "expectReplies";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToString(), Encoding.UTF8, "application/json"),
        };
        if (forwardedFor is { } header)
        {
            request.Headers.Add(header.Name, header.Value);
        }

        return await app.CreateClient().SendAsync(request);
    }

    private static async Task<int> TallyAsync(BotApplication app) =>
        (await app.Services.GetRequiredService<IVoteStore>().GetTallyAsync(app.Services.GetRequiredService<CurrentCampaign>().Content.Id)).Total;

    public void Dispose() => data.Dispose();
}
