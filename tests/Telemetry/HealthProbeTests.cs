using System.Net;
using Microsoft.Data.Sqlite;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Telemetry;

/// <summary>Liveness for a restart watchdog, readiness for a load balancer: a database outage must not get the process restarted.</summary>
public sealed class HealthProbeTests : IDisposable
{
    private readonly TempFolder data = new();

    [Fact]
    public async Task LiveAndReadyAre200WhenAllIsWell()
    {
        using var app = new BotApplication(data.Path);
        var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task WhenTheDatabaseCannotBeWrittenTheProcessIsLiveButNotReady()
    {
        using var app = new BotApplication(data.Path);
        var client = app.CreateClient();

        // Another process holds the write lock: queries still answer, votes and pledges cannot be stored.
        await using var other = new SqliteConnection($"Data Source={Path.Combine(data.Path, "pledgebot.db")}");
        await other.OpenAsync();
        await using var writeLock = await other.BeginTransactionAsync(); // BEGIN IMMEDIATE

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/live")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/healthz/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/healthz")).StatusCode);
    }

    public void Dispose() => data.Dispose();
}
