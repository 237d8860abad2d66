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

    [Fact]
    public async Task HealthIs503WhenTheDatabaseCanBeReadButNotWritten()
    {
        using var app = new BotApplication(data.Path);
        var client = app.CreateClient();

        // Another process holds the write lock (a stuck backup, a migration): queries still answer,
        // votes and pledges cannot be stored. Works as root too, unlike file permissions.
        await using var other = new SqliteConnection($"Data Source={Path.Combine(data.Path, "pledgebot.db")}");
        await other.OpenAsync();
        await using var writeLock = await other.BeginTransactionAsync(); // BEGIN IMMEDIATE
        var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task HealthIs503WhenTheDatabaseFileIsDeletedUnderTheRunningHost()
    {
        using var app = new BotApplication(data.Path);
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);

        // The host's pooled connections still hold the deleted file open and can read it.
        foreach (var file in Directory.GetFiles(data.Path, "pledgebot.db*"))
        {
            File.Delete(file);
        }

        var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    public void Dispose() => data.Dispose();
}
