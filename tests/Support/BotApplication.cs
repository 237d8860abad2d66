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
    public string DataDirectory { get; } = dataDirectory;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
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
