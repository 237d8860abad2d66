using System.Net;
using System.Text;
using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PledgeBot.DirectLine;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.DirectLine;

/// <summary>
/// Random and hostile Direct Line traffic against the real host: JSON of any shape and size,
/// fields of the wrong type, hostile strings, huge values, odd watermarks and conversation ids.
/// Whatever arrives, the server never answers 500, a refused post keeps nothing, and what the
/// conversations keep stays within the configured byte budgets.
/// </summary>
public sealed class DirectLineHostilePostsTests : IDisposable
{
    private const int MaxPostedActivityBytes = 4096;
    private const int MaxBytesPerConversation = 16 * 1024;
    private const int MaxTotalBytes = 32 * 1024;

    private static readonly string[] HostileStrings =
    [
        "", " ", "\u0000", "\uD800", "\u202Egnp.exe", "<script>alert(1)</script>", "'; DROP TABLE votes; --",
        "../../etc/passwd", "%00%2F", "{{7*7}}", "${jndi:ldap://x}", "dl_someone-else", "\r\nSet-Cookie: x=y",
        "🏳️‍🌈👩‍👩‍👧", new string('a', 4001), new string('é', 3000),
    ];

    private static readonly string[] Fields = ["type", "text", "textFormat", "value", "name", "locale", "localTimestamp", "from", "channelData", "id", "serviceUrl", "conversation"];

    private readonly TempFolder data = new();
    private readonly BotApplication app;
    private readonly DirectLineTokens tokens;
    private readonly DirectLineConversations conversations;

    public DirectLineHostilePostsTests()
    {
        app = BotApplication.StartOnKestrel(data.Path, new Dictionary<string, string?>
        {
            ["DirectLine:MaxPostedActivityBytes"] = $"{MaxPostedActivityBytes}",
            ["DirectLine:MaxValueBytes"] = "1024",
            ["DirectLine:MaxBytesPerConversation"] = $"{MaxBytesPerConversation}",
            ["DirectLine:MaxTotalBytes"] = $"{MaxTotalBytes}",
            ["DirectLine:MaxConversations"] = "20",
        });
        tokens = app.Services.GetRequiredService<DirectLineTokens>();
        conversations = app.Services.GetRequiredService<DirectLineConversations>();
    }

    [Fact]
    public async Task NoPostMakesTheServerFailKeepRefusedPostsOrExceedItsMemoryBudget()
    {
        var http = app.CreateClient();

        await AnyPost.SampleAsync(
            async post =>
            {
                var client = new DirectLineClient(http) { Token = tokens.Issue(post.TokenConversationId, "dl_fuzz") };
                var keptBefore = conversations.KeptBytesOf(post.TokenConversationId);
                var response = await client.PostActivityBodyAsync(post.Body, Uri.EscapeDataString(post.ConversationId));
                var status = (int)response.StatusCode;

                Assert.True(status < 500, $"{status}: {await response.Content.ReadAsStringAsync()}");
                if (post.MustBeRefused)
                {
                    Assert.InRange(status, 400, 499);
                }

                if (status != 200)
                {
                    Assert.Equal(keptBefore, conversations.KeptBytesOf(post.TokenConversationId));
                }

                var poll = await client.GetActivitiesAsync(Uri.EscapeDataString(post.Watermark), Uri.EscapeDataString(post.ConversationId));
                Assert.True((int)poll.StatusCode < 500, $"poll {poll.StatusCode}");
                Assert.InRange(conversations.KeptBytesOf(post.TokenConversationId), 0, MaxBytesPerConversation);
                Assert.InRange(conversations.KeptBytes, 0, MaxTotalBytes);
            },
            time: 4,
            // One at a time, so that what a refused post left behind can be compared exactly.
            threads: 1,
            print: post => post.ToString());
    }

    public void Dispose()
    {
        app.Dispose();
        data.Dispose();
    }

    /// <summary>One request: the conversation in the path, the one the token is for, the body, a watermark to poll with.</summary>
    private sealed record Post(string ConversationId, string TokenConversationId, string Json, bool MustBeRefused, string Watermark)
    {
        public HttpContent Body => new StringContent(Json, Encoding.UTF8, "application/json");

        public override string ToString() =>
            $"path {ConversationId}, token {TokenConversationId}, refuse {MustBeRefused}, watermark {Watermark}, body ({Json.Length}) {Json[..Math.Min(Json.Length, 400)]}";
    }

    private static readonly Gen<string> AnyString = Gen.OneOf(Gen.String[0, 40], Gen.OneOf(HostileStrings));

    private static readonly Gen<JToken> Scalar = Gen.OneOf<JToken>(
        Gen.Const<JToken>(JValue.CreateNull()),
        Gen.Bool.Select(b => (JToken)new JValue(b)),
        Gen.Long.Select(n => (JToken)new JValue(n)),
        Gen.Double.Select(d => (JToken)new JValue(d)),
        AnyString.Select(s => (JToken)new JValue(s)));

    private static Gen<JToken> AnyJson(int depth) => depth == 0
        ? Scalar
        : Gen.OneOf(
            Scalar,
            AnyJson(depth - 1).Array[0, 4].Select(items => (JToken)new JArray(items)),
            Gen.Select(AnyString.Array[0, 4], AnyJson(depth - 1).Array[4], (keys, values) =>
            {
                var json = new JObject();
                for (var i = 0; i < keys.Length; i++)
                {
                    json[keys[i]] = values[i];
                }

                return (JToken)json;
            }));

    /// <summary>A well-formed chat activity, as Web Chat posts it, sometimes with a long text.</summary>
    private static readonly Gen<JObject> ChatActivity = Gen.Select(Gen.OneOf("hi", "stories", "vote", "results", "help", "menu"), Gen.Int[0, 3_000], Gen.Bool, (text, padding, asEvent) => asEvent
        ? new JObject { ["type"] = "event", ["name"] = "webchat/join", ["value"] = new JObject { ["cause"] = text } }
        : new JObject { ["type"] = "message", ["text"] = text + new string(' ', padding), ["locale"] = "en-US", ["channelData"] = new JObject { ["clientActivityID"] = "client-1" } });

    /// <summary>A chat activity with one field set to anything at all: it may or may not be accepted.</summary>
    private static readonly Gen<(JObject Activity, bool MustBeRefused)> RandomField =
        Gen.Select(ChatActivity, Gen.OneOf(Fields), AnyJson(3), (activity, field, value) =>
        {
            activity[field] = value;
            return (activity, false);
        });

    /// <summary>A chat activity with one field beyond its limit or of a type it can never have: it must be refused.</summary>
    private static readonly Gen<(JObject Activity, bool MustBeRefused)> HostileField =
        Gen.Select(ChatActivity, Gen.Int[0, 9], Gen.Int[1, 40_000], (activity, kind, size) =>
        {
            JToken Deep(int depth) => depth == 0 ? "x" : new JArray(Deep(depth - 1));
            switch (kind)
            {
                case 0: activity["text"] = new string('t', 4001 + (size % 2000)); break;
                case 1: activity["value"] = new string('v', 1025 + size); break;
                case 2: activity["value"] = Deep(9 + (size % 40)); break;
                case 3: activity["locale"] = "en-GB<script>"; break;
                case 4: activity["from"] = new JArray("dl_someone-else"); break;
                case 5: activity["channelData"] = new JObject { ["clientActivityID"] = new JObject() }; break;
                case 6: activity["type"] = size % 2 == 0 ? "invoke" : "conversationUpdate"; break;
                case 7: activity["localTimestamp"] = "not a time"; break;
                case 8: activity["attachments"] = new string('a', MaxPostedActivityBytes + size); break;
                default: activity["textFormat"] = "html"; break;
            }

            return (activity, true);
        });

    private static readonly Gen<string> AnyWatermark = Gen.OneOf(
        Gen.Long.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Gen.OneOf("", "-1", "0", "99999999999999999999999", "1e9", "NaN", "../1"),
        AnyString);

    private static readonly Gen<Post> AnyPost =
        Gen.Select(
            Gen.OneOf(ChatActivity.Select(activity => (activity, false)), RandomField, HostileField),
            Gen.Int[0, 9],
            Gen.String[1, 24],
            AnyWatermark,
            (posted, shape, id, watermark) =>
            {
                var (activity, mustBeRefused) = posted;
                // A few conversations that fill up (to reach the byte budgets), and fresh ones.
                var conversationId = shape < 6 ? $"busy-{shape}" : $"fresh-{Guid.NewGuid():N}";
                var json = activity.ToString(Formatting.None);
                return shape switch
                {
                    // Malformed JSON: a cut-off body.
                    0 => new Post(conversationId, conversationId, json[..(json.Length / 2)], true, watermark),
                    // A token for another conversation, or a conversation id of any characters.
                    1 => new Post(id, conversationId, json, true, watermark),
                    _ => new Post(conversationId, conversationId, json, mustBeRefused, watermark),
                };
            });
}
