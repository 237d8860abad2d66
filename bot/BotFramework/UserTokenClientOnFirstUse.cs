using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;

namespace PledgeBot.BotFramework;

/// <summary>
/// The SDK's user token client (OAuth sign-in through the Bot Connector), made only when a turn
/// first asks it for something. The adapter makes one for every turn, and making one builds an
/// OAuthClient whose constructor works out its user agent with regular expressions and reflection:
/// about a quarter of a turn's allocations and a tenth of its CPU, for a client this bot never
/// calls. Every call goes to the SDK's own client, made by <paramref name="create"/> on first use.
/// </summary>
public sealed class UserTokenClientOnFirstUse(Func<CancellationToken, Task<UserTokenClient>> create) : UserTokenClient
{
    private Task<UserTokenClient>? client;

    public override async Task<TokenResponse> GetUserTokenAsync(string userId, string connectionName, string channelId, string magicCode, CancellationToken cancellationToken) =>
        await (await ClientAsync(cancellationToken)).GetUserTokenAsync(userId, connectionName, channelId, magicCode, cancellationToken);

    public override async Task<SignInResource> GetSignInResourceAsync(string connectionName, Activity activity, string finalRedirect, CancellationToken cancellationToken) =>
        await (await ClientAsync(cancellationToken)).GetSignInResourceAsync(connectionName, activity, finalRedirect, cancellationToken);

    public override async Task SignOutUserAsync(string userId, string connectionName, string channelId, CancellationToken cancellationToken) =>
        await (await ClientAsync(cancellationToken)).SignOutUserAsync(userId, connectionName, channelId, cancellationToken);

    public override async Task<TokenStatus[]> GetTokenStatusAsync(string userId, string channelId, string includeFilter, CancellationToken cancellationToken) =>
        await (await ClientAsync(cancellationToken)).GetTokenStatusAsync(userId, channelId, includeFilter, cancellationToken);

    public override async Task<Dictionary<string, TokenResponse>> GetAadTokensAsync(string userId, string connectionName, string[] resourceUrls, string channelId, CancellationToken cancellationToken) =>
        await (await ClientAsync(cancellationToken)).GetAadTokensAsync(userId, connectionName, resourceUrls, channelId, cancellationToken);

    public override async Task<TokenResponse> ExchangeTokenAsync(string userId, string connectionName, string channelId, TokenExchangeRequest exchangeRequest, CancellationToken cancellationToken) =>
        await (await ClientAsync(cancellationToken)).ExchangeTokenAsync(userId, connectionName, channelId, exchangeRequest, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing && client is { IsCompletedSuccessfully: true })
        {
            client.Result.Dispose();
        }

        base.Dispose(disposing);
    }

    // A turn's calls run one after another, so one client is made however many calls it makes.
    private Task<UserTokenClient> ClientAsync(CancellationToken cancellationToken) => client ??= create(cancellationToken);
}
