using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Newtonsoft.Json.Serialization;

namespace PledgeBot.BotFramework;

/// <summary>
/// The SDK's connector clients, made as the SDK makes them (<paramref name="inner"/>), but sharing
/// their JSON contract resolvers. CloudAdapter makes a new <see cref="ConnectorClient"/> for every
/// turn, and each makes resolvers of its own, which work out every type the client writes or reads
/// again (reflection and compiled accessors): sending one reply cost about 20 ms of CPU, many times
/// what the rest of the turn costs. The first client's resolvers are kept and given to every later
/// one (all are made alike); a resolver caches what it learnt and is safe to share between threads.
/// </summary>
public sealed class SharedContractsConnectorFactory(ConnectorFactory inner) : ConnectorFactory
{
    private static IContractResolver? serializationResolver;
    private static IContractResolver? deserializationResolver;

    public override async Task<IConnectorClient> CreateAsync(string serviceUrl, string audience, CancellationToken cancellationToken)
    {
        var client = await inner.CreateAsync(serviceUrl, audience, cancellationToken);
        if (client is ConnectorClient connector)
        {
            connector.SerializationSettings.ContractResolver = Shared(ref serializationResolver, connector.SerializationSettings.ContractResolver);
            connector.DeserializationSettings.ContractResolver = Shared(ref deserializationResolver, connector.DeserializationSettings.ContractResolver);
        }

        return client;
    }

    private static IContractResolver? Shared(ref IContractResolver? kept, IContractResolver? own) =>
        own is null ? null : Interlocked.CompareExchange(ref kept, own, null) ?? own;
}
