using System.Net;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Outbound;

public sealed class OutboundSettingsTests : IDisposable
{
    private readonly TempFolder data = new();

    [Fact]
    public async Task WithRetriesTurnedOffAnUnavailableChannelFailsAtOnce()
    {
        await using var channel = await ChannelConnectorStandIn.StartAsync(new ScriptedAnswer(503));
        using var app = new BotApplication(data.Path, new Dictionary<string, string?> { ["Outbound:MaxRetries"] = "0" });

        var error = await Assert.ThrowsAsync<ErrorResponseException>(
            () => ProactiveMessage.SendAsync(app, channel.ServiceUrl, "a:1personal-chat", "Results are in."));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.Response.StatusCode);
        Assert.Single(channel.Attempts);
    }

    [Fact]
    public void AnImpossiblePaceStopsTheStartAndNamesTheSetting()
    {
        using var app = new BotApplication(data.Path, new Dictionary<string, string?> { ["Outbound:MessagesPerSecondPerConversation"] = "0" });

        var problem = Assert.Throws<OptionsValidationException>(() => app.Services);

        Assert.Contains("MessagesPerSecondPerConversation", problem.Message);
    }

    public void Dispose() => data.Dispose();
}
