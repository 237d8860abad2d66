using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace PledgeBot.Bench.LoadTool;

/// <summary>
/// The web chat's path through the host's built-in Direct Line, as botframework-directlinejs
/// speaks it in polling mode: a token (without the bot's cookie, so a new person each time) and a
/// conversation when a person first appears (not measured), then per turn a post of the activity
/// and polls by watermark until the reply is there. The host runs the turn before it answers the
/// post, so the first poll normally has it.
/// </summary>
public sealed class DirectLineChannel(HttpClient http) : ITurnChannel
{
    private static readonly TimeSpan PollPause = TimeSpan.FromMilliseconds(5);
    private const int MaxPolls = 400;

    private sealed class Conversation
    {
        public required string Token { get; init; }

        public required string Id { get; init; }

        public string Watermark { get; set; } = "";
    }

    public async Task PrepareAsync(Person person, CancellationToken cancellationToken)
    {
        if (person.ChannelState is not null)
        {
            return;
        }

        using var issued = await http.PostAsync("/api/directline/token", null, cancellationToken);
        var token = JsonNode.Parse(await Read(issued, cancellationToken))!;
        var conversation = new Conversation { Token = token["token"]!.GetValue<string>(), Id = token["conversationId"]!.GetValue<string>() };
        using var started = await SendAsync(conversation, HttpMethod.Post, "/v3/directline/conversations", null, cancellationToken);
        await Read(started, cancellationToken);
        person.ChannelState = conversation;
    }

    public async Task<string?> SendAsync(Person person, TurnKind kind, Turn turn, CancellationToken cancellationToken)
    {
        var conversation = (Conversation)person.ChannelState!;
        var activity = turn.Type == "join"
            ? new JsonObject
            {
                ["type"] = "event",
                ["name"] = "webchat/join",
                ["value"] = new JsonObject { ["cause"] = null, ["locale"] = "en-GB", ["referral"] = null },
            }
            : new JsonObject { ["type"] = turn.Type };
        if (turn.Text is not null)
        {
            activity["text"] = turn.Text;
        }

        if (turn.Value is not null)
        {
            activity["value"] = turn.Value.DeepClone();
        }

        activity["locale"] = "en-GB";
        activity["from"] = new JsonObject { ["id"] = "ignored-by-the-host", ["role"] = "user" };
        activity["channelData"] = new JsonObject { ["clientActivityID"] = Guid.NewGuid().ToString("N") };

        using (var posted = await SendAsync(conversation, HttpMethod.Post, $"/v3/directline/conversations/{conversation.Id}/activities", activity, cancellationToken))
        {
            if (!posted.IsSuccessStatusCode)
            {
                return $"HTTP {(int)posted.StatusCode} on the post";
            }
        }

        var seen = new StringBuilder();
        for (var poll = 0; poll < MaxPolls; poll++)
        {
            using var response = await SendAsync(conversation, HttpMethod.Get, $"/v3/directline/conversations/{conversation.Id}/activities?watermark={conversation.Watermark}", null, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return $"HTTP {(int)response.StatusCode} on a poll";
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            conversation.Watermark = JsonNode.Parse(body)!["watermark"]?.GetValue<string>() ?? conversation.Watermark;
            seen.Append(body);
            // Done when the reply is there, or when the bot said its turn failed; otherwise poll again.
            var problem = ReplyCheck.Problem(seen.ToString(), turn);
            if (problem is null || problem == ReplyCheck.Apologised)
            {
                return problem;
            }

            await Task.Delay(PollPause, cancellationToken);
        }

        return ReplyCheck.Problem(seen.ToString(), turn);
    }

    private async Task<HttpResponseMessage> SendAsync(Conversation conversation, HttpMethod method, string path, JsonObject? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", conversation.Token);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        return await http.SendAsync(request, cancellationToken);
    }

    private static async Task<string> Read(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode
            ? text
            : throw new InvalidOperationException($"Direct Line answered {(int)response.StatusCode} while starting a conversation: {text}");
    }
}
