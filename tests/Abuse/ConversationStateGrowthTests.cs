using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;
using PledgeBot.Storage.Sqlite;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Abuse;

/// <summary>
/// Conversation state is the one thing an unauthenticated sender can make the host store. It is
/// written only when there is something to remember, its keys are bounded, and it expires.
/// </summary>
public sealed class ConversationStateGrowthTests : IDisposable
{
    private readonly TempFolder data = new();

    [Fact]
    public async Task TwoHundredGarbageActivitiesFromStrangersLeaveNoStateBehind()
    {
        using var app = new BotApplication(data.Path);
        var client = app.CreateClient();
        var random = new Random(8);

        for (var i = 0; i < 200; i++)
        {
            var stranger = new ChannelActivities($"user-{Guid.NewGuid():N}", $"conversation-{Guid.NewGuid():N}");
            var activity = (i % 5) switch
            {
                0 => stranger.Message(RandomText(random)),
                1 => stranger.Click(new JObject { ["action"] = RandomText(random) }),
                2 => WithType(stranger.Message(""), "typing"),
                3 => WithType(stranger.Message(RandomText(random)), "event"),
                _ => WithType(stranger.Message("results"), "messageReaction"),
            };
            activity["deliveryMode"] = "expectReplies";
            var response = await client.PostAsync("/api/messages", Json(activity));
            Assert.True(response.IsSuccessStatusCode, $"activity {i}: {response.StatusCode}");
        }

        Assert.Equal(0, await ServiceUrlTrustTests.StateRowsAsync(app));
    }

    [Fact]
    public async Task JoiningReadingVotingAndSeeingResultsLeaveNoStateRow()
    {
        using var app = new BotApplication(data.Path);
        var content = ShippedCampaign.Load();
        var reader = new ChannelActivities("reader", "conversation-reader");

        await app.ExpectRepliesAsync(reader.Joined());
        await app.ExpectRepliesAsync(reader.Message("stories"));
        await app.ExpectRepliesAsync(reader.Click(new JObject { ["action"] = "stories", ["storyNumber"] = 2 }));
        await app.ExpectRepliesAsync(reader.Click(new JObject { ["action"] = "vote", ["causeId"] = content.Causes[1].Id }));
        await app.ExpectRepliesAsync(reader.Message("results"));
        Assert.Equal(0, await ServiceUrlTrustTests.StateRowsAsync(app));
    }

    [Fact]
    public async Task AConversationThatStartsAPledgeIsRemembered()
    {
        using var app = new BotApplication(data.Path);

        await app.ExpectRepliesAsync(new ChannelActivities().Message("pledge"));

        Assert.Equal(1, await ServiceUrlTrustTests.StateRowsAsync(app));
    }

    [Theory]
    [InlineData("conversation", "id")]
    [InlineData("from", "id")]
    [InlineData("recipient", "id")]
    [InlineData(null, "channelId")]
    [InlineData(null, "id")]
    [InlineData(null, "replyToId")]
    public async Task AnIdLongerThan512CharactersIsRefusedNamingTheField(string? parent, string field)
    {
        using var app = new BotApplication(data.Path);
        var activity = new ChannelActivities().Message("pledge");
        var target = parent is null ? activity : (JObject)activity[parent]!;
        target[field] = new string('x', 513);

        var response = await app.CreateClient().PostAsync("/api/messages", Json(activity));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"'{(parent is null ? field : $"{parent}.{field}")}'", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await ServiceUrlTrustTests.StateRowsAsync(app));
    }

    [Fact]
    public async Task AConversationIdAsLongAsTeamsOnesIsAccepted()
    {
        using var app = new BotApplication(data.Path);

        var replies = await app.ExpectRepliesAsync(new ChannelActivities(conversationId: "19:" + new string('c', 300) + "@thread.tacv2;messageid=1700000000000").Message("pledge"));

        Assert.Single(replies);
    }

    [Fact]
    public async Task StateUntouchedForLongerThanTheSettingIsDeletedByTheSweep()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        using var app = new BotApplication(
            data.Path,
            new Dictionary<string, string?> { ["Storage:ConversationStateDays"] = "30" },
            services => services.AddSingleton<TimeProvider>(clock));
        await app.ExpectRepliesAsync(new ChannelActivities(conversationId: "abandoned").Message("pledge"));
        clock.Advance(TimeSpan.FromDays(29));
        await app.ExpectRepliesAsync(new ChannelActivities(conversationId: "recent").Message("pledge"));

        clock.Advance(TimeSpan.FromDays(2));

        await WaitUntilAsync(async () => await StateKeysAsync(app) is { Count: 1 });
        Assert.EndsWith("/conversations/recent", Assert.Single(await StateKeysAsync(app)));
    }

    public void Dispose() => data.Dispose();

    private static JObject WithType(JObject activity, string type)
    {
        activity["type"] = type;
        return activity;
    }

    private static string RandomText(Random random) =>
        new(Enumerable.Range(0, random.Next(1, 60)).Select(_ => (char)random.Next(0x20, 0x7f)).ToArray());

    private static StringContent Json(JObject activity) => new(activity.ToString(), Encoding.UTF8, "application/json");

    private static async Task<List<string>> StateKeysAsync(BotApplication app)
    {
        await using var connection = await app.Services.GetRequiredService<SqliteDatabase>().OpenAsync();
        await using var keys = connection.CreateCommand();
        keys.CommandText = "SELECT state_key FROM bot_state";
        await using var reader = await keys.ExecuteReaderAsync();
        var found = new List<string>();
        while (await reader.ReadAsync())
        {
            found.Add(reader.GetString(0));
        }

        return found;
    }

    /// <summary>The sweep runs on the host's own thread once the fake clock says it is due; give it a moment (not a timing assertion).</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 200 && !await condition(); attempt++)
        {
            await Task.Delay(50);
        }
    }
}
