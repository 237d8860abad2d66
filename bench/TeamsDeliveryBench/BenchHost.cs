using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace PledgeBot.Bench.TeamsDeliveryBench;

/// <summary>The bot's host in this process over a data folder of its own, with extra settings, as the tests run it.</summary>
public sealed class BenchHost(string dataDirectory, IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:DataDirectory", dataDirectory);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        // Thousands of sends; the bench prints its own figures.
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Polly", LogLevel.Warning));
    }
}
