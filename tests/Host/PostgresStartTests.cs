using System.Net;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Host;

/// <summary>The one setting that puts the bot on PostgreSQL, and what an operator sees when it is wrong.</summary>
public sealed class PostgresStartTests : IDisposable
{
    private const string Password = "not-for-any-log-9f3a";
    private readonly TempFolder data = new();

    [Fact]
    public async Task AServerThatCannotBeReachedStopsTheStartInOneSentenceWithoutThePassword()
    {
        using var bot = BotProcess.Start(
            data.Path, $"--Storage:PostgresConnectionString=Host=127.0.0.1;Port={FreePort.Next()};Database=pledgebot;Username=pledgebot;Password={Password};Timeout=3");

        Assert.NotEqual(0, await bot.WaitForExitAsync());
        Assert.Contains("The PostgreSQL server could not be reached", bot.Output);
        Assert.DoesNotContain(Password, bot.Output);
        Assert.DoesNotContain("   at ", bot.Output);
        Assert.False(File.Exists(Path.Combine(data.Path, "pledgebot.db")));
    }

    [Fact]
    public async Task AConnectionStringNpgsqlCannotReadStopsTheStartNamingTheSetting()
    {
        using var bot = BotProcess.Start(data.Path, $"--Storage:PostgresConnectionString=Hots=db.example.org;Password={Password}");

        Assert.NotEqual(0, await bot.WaitForExitAsync());
        Assert.Contains("Storage:PostgresConnectionString: The connection string is not valid", bot.Output);
        Assert.DoesNotContain(Password, bot.Output);
        Assert.DoesNotContain("   at ", bot.Output);
    }

    [PostgresFact]
    public async Task WithTheSettingEverythingIsOnPostgresAndReadinessChecksIt()
    {
        await using var database = await PostgresUnderTest.CreateAsync();
        using var app = new BotApplication(data.Path, new Dictionary<string, string?> { ["Storage:PostgresConnectionString"] = database.ConnectionString });
        var http = app.CreateClient();

        var dana = new ChannelActivities("dana", "dana-chat");
        await app.ExpectRepliesAsync(dana.Click(new Newtonsoft.Json.Linq.JObject { ["action"] = "vote", ["causeId"] = "yemen-crisis" }));
        // Half a pledge: the conversation's state holds where she is.
        await app.ExpectRepliesAsync(dana.Message("pledge"));

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz/ready")).StatusCode);
        Assert.Equal(1, await database.CountAsync("SELECT count(*) FROM votes"));
        Assert.True(await database.CountAsync("SELECT count(*) FROM bot_state") > 0);
        Assert.False(File.Exists(Path.Combine(data.Path, "pledgebot.db")));
    }

    public void Dispose() => data.Dispose();
}
