using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Host;

/// <summary>
/// Every turn gets a new connector client from the SDK; the host makes them share their JSON contract
/// resolvers (each working out the SDK's types again cost ~20 ms of CPU per reply, docs/benchmarks.md).
/// The shared resolvers must be of the types the SDK gives its own clients, or replies would be
/// written differently.
/// </summary>
public sealed class ConnectorClientContractsTests
{
    [Fact]
    public async Task TheConnectorClientsOfTwoTurnsShareOneResolverOfTheSdksOwnType()
    {
        using var data = new TempFolder();
        using var host = new BotApplication(data.Path);
        var authentication = host.Services.GetRequiredService<BotFrameworkAuthentication>();
        var activity = new Activity { Type = ActivityTypes.Message, ChannelId = "emulator", ServiceUrl = "http://127.0.0.1:9/" };

        var first = await ConnectorClientOfATurnAsync(authentication, activity);
        var second = await ConnectorClientOfATurnAsync(authentication, activity);
        using var sdksOwn = new ConnectorClient(new Uri("http://127.0.0.1:9/"));

        Assert.NotSame(first, second);
        Assert.Same(first.SerializationSettings.ContractResolver, second.SerializationSettings.ContractResolver);
        Assert.Same(first.DeserializationSettings.ContractResolver, second.DeserializationSettings.ContractResolver);
        Assert.IsType(sdksOwn.SerializationSettings.ContractResolver!.GetType(), first.SerializationSettings.ContractResolver);
        Assert.IsType(sdksOwn.DeserializationSettings.ContractResolver!.GetType(), first.DeserializationSettings.ContractResolver);
    }

    [Fact]
    public async Task ProactiveMessagesConnectorClientsShareItToo()
    {
        using var data = new TempFolder();
        using var host = new BotApplication(data.Path);
        var authentication = host.Services.GetRequiredService<BotFrameworkAuthentication>();
        var factory = authentication.CreateConnectorFactory(new System.Security.Claims.ClaimsIdentity());

        var first = (ConnectorClient)await factory.CreateAsync("http://127.0.0.1:9/", AuthenticationConstants.ToChannelFromBotOAuthScope, CancellationToken.None);
        var second = (ConnectorClient)await factory.CreateAsync("http://127.0.0.1:9/", AuthenticationConstants.ToChannelFromBotOAuthScope, CancellationToken.None);

        Assert.Same(first.SerializationSettings.ContractResolver, second.SerializationSettings.ContractResolver);
    }

    private static async Task<ConnectorClient> ConnectorClientOfATurnAsync(BotFrameworkAuthentication authentication, Activity activity)
    {
        var result = await authentication.AuthenticateRequestAsync(activity, authHeader: "", CancellationToken.None);
        return Assert.IsType<ConnectorClient>(await result.ConnectorFactory.CreateAsync(activity.ServiceUrl, result.Audience, CancellationToken.None));
    }
}
