using System.Text;
using System.Text.Json.Nodes;

namespace PledgeBot.Bench.LoadTool;

/// <summary>
/// Posts activities to /api/messages as the Bot Framework's channels do (the Emulator's and Web
/// Chat's shape; Teams' for the Teams vote). With expectReplies the replies come back in the
/// response; otherwise the bot posts them to the stand-in connector at the activity's serviceUrl,
/// which has them before the bot's response ends (the SDK sends replies within the turn).
/// </summary>
public sealed class ApiMessagesChannel(HttpClient http, ChannelMode mode, ConnectorStandIn? connector) : ITurnChannel
{
    private const string TenantId = "tenant-load";
    private static long sequence;

    // Not contacted with expectReplies, but the bot still checks it is a loopback address.
    private readonly string serviceUrl = connector?.ServiceUrl ?? "http://127.0.0.1:9/";

    public Task PrepareAsync(Person person, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<string?> SendAsync(Person person, TurnKind kind, Turn turn, CancellationToken cancellationToken)
    {
        // A conversation per script, so that the host's pacing of replies per conversation (7 a
        // second for Teams) does not hold back a person who is reused; a pledge keeps its one.
        var conversationId = kind == TurnKind.TeamsVote ? $"a:{person.Id}-{person.Scripts}" : $"conversation-{person.Id}-{person.Scripts}";
        var activity = kind == TurnKind.TeamsVote ? TeamsEnvelope(person, conversationId) : Envelope(person, conversationId);
        activity["type"] = turn.Type == "join" ? "conversationUpdate" : turn.Type;
        if (turn.Type == "join")
        {
            activity["membersAdded"] = new JsonArray(
                new JsonObject { ["id"] = person.Id, ["name"] = "Load person" },
                new JsonObject { ["id"] = "campaign-bot", ["name"] = "Campaign bot" });
        }

        if (turn.Text is not null)
        {
            activity["text"] = turn.Text;
        }

        if (turn.Value is not null)
        {
            activity["value"] = turn.Value.DeepClone();
        }

        if (turn.Name is not null)
        {
            activity["name"] = turn.Name;
        }

        if (mode == ChannelMode.ExpectReplies)
        {
            activity["deliveryMode"] = "expectReplies";
        }

        using var response = await http.PostAsync("/api/messages", new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return $"HTTP {(int)response.StatusCode}";
        }

        // An invoke's answer is the response itself, in either mode; messages' replies went to the connector.
        var replies = mode == ChannelMode.Connector && turn.Type != "invoke" ? connector!.Take(conversationId) : body;
        return ReplyCheck.Problem(replies, turn);
    }

    private JsonObject Envelope(Person person, string conversationId) => new()
    {
        ["id"] = $"load-{Interlocked.Increment(ref sequence)}",
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
        ["serviceUrl"] = serviceUrl,
        ["channelId"] = "emulator",
        ["from"] = new JsonObject { ["id"] = person.Id, ["name"] = "Load person", ["role"] = "user" },
        ["conversation"] = new JsonObject { ["id"] = conversationId },
        ["recipient"] = new JsonObject { ["id"] = "campaign-bot", ["name"] = "Campaign bot", ["role"] = "bot" },
        ["locale"] = "en-GB",
    };

    private JsonObject TeamsEnvelope(Person person, string conversationId) => new()
    {
        ["id"] = $"load-{Interlocked.Increment(ref sequence)}",
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
        ["serviceUrl"] = serviceUrl,
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = $"29:{person.Id}", ["name"] = "Teams person", ["aadObjectId"] = person.Id },
        ["conversation"] = new JsonObject { ["id"] = conversationId, ["conversationType"] = "personal", ["tenantId"] = TenantId, ["isGroup"] = false },
        ["recipient"] = new JsonObject { ["id"] = "28:campaign-bot", ["name"] = "Campaign bot" },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TenantId } },
        ["locale"] = "en-GB",
    };
}

/// <summary>Whether what came back answers the turn: its expected phrase, and not the turn-error apology.</summary>
public static class ReplyCheck
{
    public const string Apologised = "the bot apologised (the turn failed)";

    public static string? Problem(string replies, Turn turn) =>
        replies.Contains(TurnScripts.Apology, StringComparison.Ordinal) ? Apologised
        : replies.Contains(turn.Expect, StringComparison.Ordinal) ? null
        : $"no reply containing \"{turn.Expect}\"";
}
