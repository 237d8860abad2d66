using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace PledgeBot.Tests.Support;

/// <summary>
/// The real host (Program) in memory over a data folder the test owns. A second instance on the
/// same folder is a restart; extra settings stand in for environment variables.
/// </summary>
/// <param name="testServices">Replaces services, for the few tests that inject a fault or a clock.</param>
public sealed class BotApplication(
    string dataDirectory,
    IReadOnlyDictionary<string, string?>? settings = null,
    Action<IServiceCollection>? testServices = null)
    : WebApplicationFactory<Program>
{
    private Uri? kestrelAddress;

    public string DataDirectory { get; } = dataDirectory;

    /// <summary>
    /// The host on real Kestrel at a free loopback port, for tests whose traffic must cross a real
    /// socket: the built-in Direct Line (the bot answers by calling its serviceUrl, this host) and
    /// the browser. The host is told the address, as an operator would tell it its public address.
    /// </summary>
    public static BotApplication StartOnKestrel(
        string dataDirectory,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? testServices = null)
    {
        var port = FreePort.Next();
        var app = new BotApplication(dataDirectory, settings, testServices) { kestrelAddress = new Uri($"http://127.0.0.1:{port}/") };
        // Listen() rather than UseKestrel(port): WebApplicationFactory's own port handling races
        // with a server that is already up when tests run in parallel.
        app.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, port));
        app.StartServer();
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        if (kestrelAddress is not null)
        {
            builder.UseSetting("Campaign:PublicBaseUrl", kestrelAddress.AbsoluteUri);
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        if (testServices is not null)
        {
            builder.ConfigureTestServices(testServices);
        }
    }

    /// <summary>Posts with deliveryMode expectReplies and returns the replies from the response body.</summary>
    public Task<IReadOnlyList<JObject>> ExpectRepliesAsync(JObject activity) => ExpectReplies.PostAsync(CreateClient(), activity);
}
