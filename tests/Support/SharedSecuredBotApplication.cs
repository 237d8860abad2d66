namespace PledgeBot.Tests.Support;

/// <summary>
/// One host with an app id, trusting a local token service (<see cref="OpenIdStandIn"/>), shared
/// by all the tests of a class (<c>IClassFixture</c>): for classes whose tests only send requests
/// the host must refuse, so that no test sees another's effect.
/// </summary>
public sealed class SharedSecuredBotApplication : IAsyncLifetime
{
    public const string AppId = "00000000-0000-0000-0000-000000000001";

    private readonly TempFolder data = new();
    private OpenIdStandIn? tokenService;

    public BotApplication App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        tokenService = await OpenIdStandIn.StartAsync();
        App = new BotApplication(data.Path, tokenService.BotSettings(AppId));
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        if (tokenService is not null)
        {
            await tokenService.DisposeAsync();
        }

        data.Dispose();
    }
}
