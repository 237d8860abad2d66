namespace PledgeBot.Tests.Support;

/// <summary>
/// One host with an app id, trusting a local token service (<see cref="OpenIdStandIn"/>), shared
/// by all the tests of a class (<c>IClassFixture</c>): for tests that only send requests the host
/// must refuse, so that no test sees another's effect.
/// </summary>
public sealed class SharedSecuredBotApplication : IAsyncLifetime
{
    public const string AppId = "00000000-0000-0000-0000-000000000001";

    private readonly TempFolder data = new();

    public BotApplication App { get; private set; } = null!;

    /// <summary>The token service the host trusts: it issues tokens, right or wrong, for the tests to send.</summary>
    public OpenIdStandIn TokenService { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        TokenService = await OpenIdStandIn.StartAsync();
        App = new BotApplication(data.Path, TokenService.BotSettings(AppId));
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await TokenService.DisposeAsync();
        data.Dispose();
    }
}
