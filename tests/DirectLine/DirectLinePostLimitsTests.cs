using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;
using PledgeBot.DirectLine;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.DirectLine;

/// <summary>
/// What a chat page's token can make the server keep: every field of a posted activity is
/// bounded, the body is refused by its size before it is read, and what conversations keep in
/// memory (the bot's cards included) stays within its byte budgets.
/// </summary>
public sealed class DirectLinePostLimitsTests : IDisposable
{
    private readonly TempFolder data = new();
    private BotApplication? app;

    public static TheoryData<string, JObject> FieldsBeyondTheirLimits => new()
    {
        { "text", new JObject { ["text"] = new string('a', 4001) } },
        { "text", new JObject { ["text"] = new JObject { ["nested"] = "text" } } },
        { "value", new JObject { ["value"] = new JObject { ["comment"] = new string('v', 9000) } } },
        { "value", new JObject { ["value"] = Nested(depth: 9) } },
        { "name", new JObject { ["type"] = "event", ["name"] = new string('n', 101) } },
        { "locale", new JObject { ["locale"] = "en-GB\"><script>alert(1)</script>" } },
        { "locale", new JObject { ["locale"] = new string('a', 36) } },
        { "textFormat", new JObject { ["textFormat"] = "html" } },
        { "from", new JObject { ["from"] = "dl_someone-else" } },
        { "from.name", new JObject { ["from"] = new JObject { ["id"] = "x", ["name"] = new string('f', 101) } } },
        { "channelData", new JObject { ["channelData"] = new JArray(1, 2) } },
        { "channelData.clientActivityID", new JObject { ["channelData"] = new JObject { ["clientActivityID"] = new string('c', 101) } } },
        { "channelData.clientActivityID", new JObject { ["channelData"] = new JObject { ["clientActivityID"] = 42 } } },
        { "localTimestamp", new JObject { ["localTimestamp"] = "yesterday at noon" } },
        { "localTimestamp", new JObject { ["localTimestamp"] = new string('1', 41) } },
    };

    [Theory]
    [MemberData(nameof(FieldsBeyondTheirLimits))]
    public async Task AFieldBeyondItsLimitGets400NamingItAndStoresNothing(string field, JObject fields)
    {
        var client = await StartAsync();
        var activity = new JObject { ["type"] = "message", ["text"] = "hi" };
        activity.Merge(fields);

        var response = await client.PostActivityAsync(activity);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JObject.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(field, problem.Value<string>("field"));
        Assert.Contains($"'{field}'", problem.Value<string>("detail"));
        Assert.Empty(await client.PollAsync());
    }

    [Fact]
    public async Task EveryFieldWithinItsLimitIsKeptAsPosted()
    {
        var client = await StartAsync();

        await client.PostActivityAsync(new JObject
        {
            ["type"] = "message",
            ["text"] = new string('a', 4000),
            ["textFormat"] = "plain",
            ["locale"] = "en-GB",
            ["localTimestamp"] = "2025-01-31T09:30:00+01:00",
            ["value"] = Nested(depth: 8),
            ["from"] = new JObject { ["id"] = "dl_someone-else", ["name"] = "Anna" },
            ["channelData"] = new JObject { ["clientActivityID"] = "client-1", ["other"] = "dropped" },
        });
        var echo = (await client.PollAsync())[0];

        Assert.Equal(4000, echo.Value<string>("text")!.Length);
        Assert.Equal("en-GB", echo.Value<string>("locale"));
        Assert.Equal(DateTimeOffset.Parse("2025-01-31T09:30:00+01:00", System.Globalization.CultureInfo.InvariantCulture), echo["localTimestamp"]!.ToObject<DateTimeOffset>());
        Assert.Equal("Anna", echo["from"]!.Value<string>("name"));
        Assert.NotEqual("dl_someone-else", echo["from"]!.Value<string>("id"));
        Assert.Equal(new JObject { ["clientActivityID"] = "client-1" }, echo["channelData"]);
        Assert.True(JToken.DeepEquals(Nested(depth: 8), echo["value"]));
    }

    [Fact]
    public async Task ABodyLargerThanTheLimitGets413ProblemAndStoresNothing()
    {
        var client = await StartAsync();
        var body = new JObject { ["type"] = "message", ["text"] = "hi", ["attachments"] = new string('x', 70 * 1024) };

        var response = await client.PostActivityAsync(body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("65536 bytes", await response.Content.ReadAsStringAsync());
        Assert.Empty(await client.PollAsync());
    }

    [Fact]
    public async Task AnOverSizeBodyWithoutAContentLengthIsStoppedAtTheLimit()
    {
        var client = await StartAsync();
        var body = Encoding.UTF8.GetBytes(new JObject { ["type"] = "message", ["value"] = new string('x', 4 * 1024 * 1024) }.ToString());

        var response = await client.PostActivityBodyAsync(new UnknownLengthContent(body));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(await client.PollAsync());
    }

    [Fact]
    public async Task AConversationKeepsNoMoreBytesThanItsBudgetBotCardsIncluded()
    {
        const int budget = 16 * 1024;
        var client = await StartAsync(new() { ["DirectLine:MaxBytesPerConversation"] = $"{budget}", ["DirectLine:MaxPostedActivityBytes"] = "4096", ["DirectLine:MaxValueBytes"] = "1024" });
        var conversations = app!.Services.GetRequiredService<DirectLineConversations>();

        for (var i = 0; i < 8; i++)
        {
            await client.SayAsync("stories");
        }

        var kept = await client.PollAsync();
        Assert.InRange(conversations.KeptBytesOf(client.ConversationId), 1, budget);
        Assert.InRange(kept.Sum(a => Encoding.UTF8.GetByteCount(a.ToString(Newtonsoft.Json.Formatting.None))), 1, budget);
        Assert.True(kept.Count < 16, $"{kept.Count} activities kept: the oldest should have gone");
        Assert.Contains("Story 1 of 4", kept[^1].AsCard().Text());
    }

    [Fact]
    public async Task AllConversationsTogetherKeepNoMoreThanTheTotalBudget()
    {
        const int total = 24 * 1024;
        Start(new() { ["DirectLine:MaxTotalBytes"] = $"{total}", ["DirectLine:MaxBytesPerConversation"] = "12288", ["DirectLine:MaxPostedActivityBytes"] = "4096", ["DirectLine:MaxValueBytes"] = "1024" });
        var conversations = app!.Services.GetRequiredService<DirectLineConversations>();
        var clients = new List<DirectLineClient>();

        for (var i = 0; i < 6; i++)
        {
            var client = new DirectLineClient(app.CreateClient());
            await client.StartAsync();
            await client.SayAsync("stories");
            clients.Add(client);
            Assert.InRange(conversations.KeptBytes, 1, total);
        }

        Assert.Empty(await clients[0].PollAsync()); // the least recently used went first
        Assert.Contains("Story 1 of 4", (await clients[^1].PollAsync())[^1].AsCard().Text());
    }

    [Theory]
    [InlineData("DirectLine:MaxBytesPerConversation", "65536")]
    [InlineData("DirectLine:MaxTotalBytes", "131072")]
    [InlineData("DirectLine:MaxValueBytes", "131072")]
    [InlineData("DirectLine:MaxValueDepth", "0")]
    public void ALimitThatCannotWorkStopsTheStartAndNamesTheSetting(string setting, string value)
    {
        using var broken = new BotApplication(data.Path, new Dictionary<string, string?> { [setting] = value });

        var problem = Assert.Throws<OptionsValidationException>(() => broken.Services);

        Assert.Contains(setting.Split(':')[1], problem.Message);
    }

    public void Dispose()
    {
        app?.Dispose();
        data.Dispose();
    }

    private async Task<DirectLineClient> StartAsync(Dictionary<string, string?>? settings = null)
    {
        Start(settings ?? []);
        var client = new DirectLineClient(app!.CreateClient());
        await client.StartAsync();
        return client;
    }

    private void Start(Dictionary<string, string?> settings) => app = BotApplication.StartOnKestrel(data.Path, settings);

    private static JToken Nested(int depth) => depth == 0 ? "leaf" : new JObject { ["inner"] = Nested(depth - 1) };

    /// <summary>A body sent chunked, without a Content-Length, as a client that hides its size would.</summary>
    private sealed class UnknownLengthContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
