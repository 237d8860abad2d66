using System.Security.Claims;
using Microsoft.Bot.Builder.Skills;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;

namespace PledgeBot.BotFramework;

/// <summary>
/// The SDK's authentication (<paramref name="inner"/>) unchanged, except for two clients it gives
/// every turn: the user token client is made on first use (<see cref="UserTokenClientOnFirstUse"/>),
/// and the connector clients that send replies share what they learnt about the SDK's types
/// (<see cref="SharedContractsConnectorFactory"/>).
/// </summary>
public sealed class TurnClientsAuthentication(BotFrameworkAuthentication inner) : BotFrameworkAuthentication
{
    public override async Task<AuthenticateRequestResult> AuthenticateRequestAsync(Activity activity, string authHeader, CancellationToken cancellationToken) =>
        WithSharedContracts(await inner.AuthenticateRequestAsync(activity, authHeader, cancellationToken));

    public override async Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader, CancellationToken cancellationToken) =>
        WithSharedContracts(await inner.AuthenticateStreamingRequestAsync(authHeader, channelIdHeader, cancellationToken));

    public override Task<ClaimsIdentity> AuthenticateChannelRequestAsync(string authHeader, CancellationToken cancellationToken) =>
        inner.AuthenticateChannelRequestAsync(authHeader, cancellationToken);

    public override ConnectorFactory CreateConnectorFactory(ClaimsIdentity claimsIdentity) =>
        new SharedContractsConnectorFactory(inner.CreateConnectorFactory(claimsIdentity));

    public override BotFrameworkClient CreateBotFrameworkClient() => inner.CreateBotFrameworkClient();

    public override string GetOriginatingAudience() => inner.GetOriginatingAudience();

    public override Task<UserTokenClient> CreateUserTokenClientAsync(ClaimsIdentity claimsIdentity, CancellationToken cancellationToken) =>
        Task.FromResult<UserTokenClient>(new UserTokenClientOnFirstUse(token => inner.CreateUserTokenClientAsync(claimsIdentity, token)));

    // The turn's connector clients come from the factory the authentication result carries.
    private static AuthenticateRequestResult WithSharedContracts(AuthenticateRequestResult result)
    {
        result.ConnectorFactory = new SharedContractsConnectorFactory(result.ConnectorFactory);
        return result;
    }
}
