using System.Net.Http.Json;
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
/// <param name="testServices">Replaces services, for the few tests that inject a fault.</param>
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

    /// <summary>Posts an activity the way a channel does and returns the raw response.</summary>
    public Task<HttpResponseMessage> PostActivityAsync(JObject activity) =>
        CreateClient().PostAsync("/api/messages", new StringContent(activity.ToString(), System.Text.Encoding.UTF8, "application/json"));

    /// <summary>Posts with deliveryMode expectReplies and returns the replies from the response body.</summary>
    public async Task<IReadOnlyList<JObject>> ExpectRepliesAsync(JObject activity)
    {
        activity["deliveryMode"] = "expectReplies";
        var response = await PostActivityAsync(activity);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var body = JObject.Parse(await response.Content.ReadAsStringAsync());
        return body["activities"]!.Children<JObject>().ToList();
    }
}
