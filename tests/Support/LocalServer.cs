using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace PledgeBot.Tests.Support;

/// <summary>
/// A small real HTTP server on a free loopback port, for local stand-ins of the services the bot
/// talks to (token metadata, Azure's Direct Line token service, a channel's connector).
/// </summary>
public sealed class LocalServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private LocalServer(WebApplication app) => this.app = app;

    public string BaseAddress => app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    /// <param name="https">Serve https with a certificate trusted for this user (see <see cref="LocalCertificate"/>).</param>
    public static async Task<LocalServer> StartAsync(Action<WebApplication> mapRoutes, bool https = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen =>
        {
            if (https)
            {
                listen.UseHttps(LocalCertificate.Create());
            }
        }));
        var server = new LocalServer(builder.Build());
        mapRoutes(server.app);
        await server.app.StartAsync();
        return server;
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
