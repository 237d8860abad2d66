using System.Net;
using Microsoft.Data.Sqlite;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Http;

public sealed class HealthTests : IDisposable
{
    private readonly TempFolder data = new();

    [Fact]
    public async Task HealthIs200WhenTheDatabaseIsReachable()
    {
        using var app = new BotApplication(data.Path);

        var response = await app.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task HealthIs503WhenTheDatabaseIsGone()
    {
        using var app = new BotApplication(data.Path);
        var client = app.CreateClient();
        await client.GetAsync("/healthz");

        // Replace the database file with a folder of the same name: nothing can open it any more.
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(data.Path, "pledgebot.db*"))
        {
            File.Delete(file);
        }

        Directory.CreateDirectory(Path.Combine(data.Path, "pledgebot.db"));
        var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    public void Dispose() => data.Dispose();
}
