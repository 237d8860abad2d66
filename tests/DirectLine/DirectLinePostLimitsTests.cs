using System.Net;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
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
/// <remarks>
/// Tests with the default limits share one host: each posts in a conversation of its own. Those
/// that set tighter budgets (which all conversations count against) start their own.
/// </remarks>
public sealed class DirectLinePostLimitsTests(SharedKestrelBotApplication shared) : IClassFixture<SharedKestrelBotApplication>, IDisposable
{
    private readonly TempFolder data = new();
    private BotApplication app = shared.App;
    private BotApplication? ownHost;

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
    public async Task ABodyOverTheLimitWithoutAContentLengthGets413ProblemAndStoresNothing()
    {
        var client = await StartUnbufferedAsync();
        var body = new ActivityOfUnknownLength(96 * 1024);

        var response = await client.PostActivityBodyAsync(body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("65536 bytes", await response.Content.ReadAsStringAsync());
        Assert.Empty(await client.PollAsync());
    }

    [Fact]
    public async Task AnOverSizeBodyWithoutAContentLengthIsStoppedAtTheLimit()
    {
        var client = await StartUnbufferedAsync();
        // Far more than the socket buffers on both sides and the server's own buffers can take in
        // (tens of MB at most): the client can only send it all if the server reads it all.
        var body = new ActivityOfUnknownLength(256 * 1024 * 1024);
        HttpResponseMessage? response = null;

        var closed = await Record.ExceptionAsync(async () => response = await client.PostActivityBodyAsync(body));

        // The server answers 413 once 64 KB have arrived, takes in at most 256 KB in all (Kestrel
        // discards that much to keep the connection) and closes the connection. HTTP/1.1 leaves a
        // client two outcomes: one that reads while it sends gets the problem response; one that
        // reads only once it has sent everything (HttpClient) finds the connection closed.
        if (closed is null)
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response!.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        else
        {
            Assert.IsType<HttpRequestException>(closed);
            Assert.IsAssignableFrom<IOException>(closed.InnerException);
        }

        Assert.True(body.Sent < body.Length / 2, $"The server took {body.Sent} of {body.Length} bytes before it stopped the body.");
        Assert.Empty(await client.PollAsync());
    }

    [Fact]
    public async Task AConversationKeepsNoMoreBytesThanItsBudgetBotCardsIncluded()
    {
        const int budget = 16 * 1024;
        var client = await StartAsync(new() { ["DirectLine:MaxBytesPerConversation"] = $"{budget}", ["DirectLine:MaxPostedActivityBytes"] = "4096", ["DirectLine:MaxValueBytes"] = "1024" });
        var conversations = app.Services.GetRequiredService<DirectLineConversations>();

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
        var conversations = app.Services.GetRequiredService<DirectLineConversations>();
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
        ownHost?.Dispose();
        data.Dispose();
    }

    private async Task<DirectLineClient> StartAsync(Dictionary<string, string?>? settings = null)
    {
        if (settings is not null)
        {
            Start(settings);
        }

        var client = new DirectLineClient(app.CreateClient());
        await client.StartAsync();
        return client;
    }

    /// <summary>
    /// A client that sends a body as it is written. The factory's default client follows
    /// redirects, and to be able to send a body again it reads all of it first, so it always sends
    /// a Content-Length.
    /// </summary>
    private async Task<DirectLineClient> StartUnbufferedAsync()
    {
        var client = new DirectLineClient(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = app.ClientOptions.BaseAddress }));
        await client.StartAsync();
        return client;
    }

    private void Start(Dictionary<string, string?> settings) => app = ownHost = BotApplication.StartOnKestrel(data.Path, settings);

    private static JToken Nested(int depth) => depth == 0 ? "leaf" : new JObject { ["inner"] = Nested(depth - 1) };

    /// <summary>
    /// A message activity of the given size in bytes sent chunked, without a Content-Length, as a
    /// client that hides its size would; written a piece at a time, counting what the connection
    /// took before it was closed.
    /// </summary>
    private sealed class ActivityOfUnknownLength(long length) : HttpContent
    {
        private static readonly byte[] Start = Encoding.UTF8.GetBytes("{\"type\":\"message\",\"value\":\"");
        private static readonly byte[] End = Encoding.UTF8.GetBytes("\"}");

        public long Length => length;

        public long Sent { get; private set; }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            var piece = new byte[64 * 1024];
            Array.Fill(piece, (byte)'x');
            await WriteAsync(stream, Start);
            while (length - Sent > End.Length)
            {
                await WriteAsync(stream, piece.AsMemory(0, (int)Math.Min(piece.Length, length - Sent - End.Length)));
            }

            await WriteAsync(stream, End);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        private async Task WriteAsync(Stream stream, ReadOnlyMemory<byte> bytes)
        {
            await stream.WriteAsync(bytes);
            Sent += bytes.Length;
        }
    }
}
