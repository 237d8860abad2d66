using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;
using PledgeBot.Dialogs.Content;
using PledgeBot.Storage;
using PledgeBot.Storage.Sqlite;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Abuse;

/// <summary>
/// Whoever posts an activity names the address the bot answers at. Without an app id only
/// loopback and configured addresses are answered; anything else is refused before a turn runs.
/// </summary>
public sealed class ServiceUrlTrustTests : IAsyncLifetime
{
    private readonly TempFolder data = new();
    private ChannelConnectorStandIn channel = null!;

    public async Task InitializeAsync() => channel = await ChannelConnectorStandIn.StartAsync();

    [Theory]
    [InlineData("http://channel.untrusted.example/", false)]
    [InlineData("http://channel.untrusted.example/", true)]
    [InlineData("https://smba.trafficmanager.net.untrusted.example/teams/", false)]
    public async Task WithoutAnAppIdAnUntrustedServiceUrlIsRefusedAndNeverCalled(string serviceUrl, bool expectReplies)
    {
        using var app = new BotApplication(data.Path, testServices: AllHostsReach(channel));
        var vote = Vote(app, serviceUrl, expectReplies);

        var response = await app.CreateClient().PostAsync("/api/messages", Json(vote));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("serviceUrl", await response.Content.ReadAsStringAsync());
        Assert.Empty(channel.Attempts);
        Assert.Equal(0, await VotesAsync(app));
        Assert.Equal(0, await StateRowsAsync(app));
    }

    [Fact]
    public async Task AServiceUrlInTheTrustedListIsAnswered()
    {
        using var app = new BotApplication(
            data.Path,
            new Dictionary<string, string?> { ["Channels:TrustedServiceUrls:0"] = "http://channel.trusted.example/" },
            AllHostsReach(channel));

        var response = await app.CreateClient().PostAsync("/api/messages", Json(Vote(app, "http://channel.trusted.example/", expectReplies: false)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(channel.Accepted);
        Assert.Equal(1, await VotesAsync(app));
    }

    [Theory]
    [InlineData("http://channel.trusted.example.evil.example/bots/")]
    [InlineData("https://channel.trusted.example/bots/")]
    [InlineData("http://channel.trusted.example/other/")]
    public async Task AnAddressThatOnlyLooksLikeATrustedOneIsRefused(string serviceUrl)
    {
        using var app = new BotApplication(
            data.Path,
            new Dictionary<string, string?> { ["Channels:TrustedServiceUrls:0"] = "http://channel.trusted.example/bots/" },
            AllHostsReach(channel));

        var response = await app.CreateClient().PostAsync("/api/messages", Json(Vote(app, serviceUrl, expectReplies: false)));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(channel.Attempts);
    }

    [Fact]
    public async Task LoopbackServiceUrlsAreAnsweredForLocalUse()
    {
        using var app = new BotApplication(data.Path);

        var response = await app.CreateClient().PostAsync("/api/messages", Json(Vote(app, channel.ServiceUrl, expectReplies: false)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(channel.Accepted);
    }

    [Theory]
    [InlineData("ftp://channel.example/")]
    [InlineData("/relative/")]
    public void ATrustedServiceUrlThatIsNotAnHttpAddressStopsTheStart(string configured)
    {
        using var app = new BotApplication(data.Path, new Dictionary<string, string?> { ["Channels:TrustedServiceUrls:0"] = configured });

        var failure = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("Channels:TrustedServiceUrls", failure.ToString());
    }

    public async Task DisposeAsync()
    {
        await channel.DisposeAsync();
        data.Dispose();
    }

    /// <summary>
    /// Every address under the reserved .example domain is connected to the stand-in, as if DNS
    /// pointed there, so that a call to an untrusted address is seen and counted rather than failing
    /// to resolve. Other addresses (the token metadata stand-in) are reached as usual.
    /// </summary>
    private static Action<IServiceCollection> AllHostsReach(ChannelConnectorStandIn standIn) => services =>
        services.AddHttpClient(Options.DefaultName).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
        {
            ConnectCallback = async (connection, cancellationToken) =>
            {
                var target = connection.DnsEndPoint.Host.EndsWith(".example", StringComparison.OrdinalIgnoreCase)
                    ? new IPEndPoint(IPAddress.Loopback, new Uri(standIn.ServiceUrl).Port)
                    : (EndPoint)connection.DnsEndPoint;
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(target, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        });

    private static JObject Vote(BotApplication app, string serviceUrl, bool expectReplies)
    {
        var content = app.Services.GetRequiredService<CurrentCampaign>().Content;
        var vote = new ChannelActivities().Click(new JObject { ["action"] = "vote", ["causeId"] = content.Causes[0].Id });
        vote["serviceUrl"] = serviceUrl;
        if (expectReplies)
        {
            vote["deliveryMode"] = "expectReplies";
        }

        return vote;
    }

    private static StringContent Json(JObject activity) => new(activity.ToString(), Encoding.UTF8, "application/json");

    private static async Task<int> VotesAsync(BotApplication app)
    {
        var content = app.Services.GetRequiredService<CurrentCampaign>().Content;
        return (await app.Services.GetRequiredService<IVoteStore>().GetTallyAsync(content.Id)).Total;
    }

    internal static async Task<long> StateRowsAsync(BotApplication app)
    {
        await using var connection = await app.Services.GetRequiredService<SqliteDatabase>().OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM bot_state";
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
