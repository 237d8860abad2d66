using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json.Linq;

namespace PledgeBot.Tests.Support;

/// <summary>Speaks Direct Line 3.0 over HTTP the way botframework-directlinejs does in polling mode.</summary>
public sealed class DirectLineClient(HttpClient http)
{
    public string Token { get; set; } = "";

    public string ConversationId { get; private set; } = "";

    public string Watermark { get; private set; } = "";

    /// <summary>What the chat page does first: get a token from the host, then start the conversation.</summary>
    public async Task<JObject> StartAsync()
    {
        var issued = await ReadJsonAsync(await http.PostAsync("/api/directline/token", null), HttpStatusCode.OK);
        Token = issued.Value<string>("token")!;
        ConversationId = issued.Value<string>("conversationId")!;
        var started = await ReadJsonAsync(await SendAsync(HttpMethod.Post, "/v3/directline/conversations"), HttpStatusCode.Created);
        Assert.Equal(ConversationId, started.Value<string>("conversationId"));
        return issued;
    }

    public Task<HttpResponseMessage> PostActivityAsync(JObject activity, string? conversationId = null) =>
        SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId ?? ConversationId}/activities", activity);

    /// <summary>Posts a body as it is, however malformed or large.</summary>
    public Task<HttpResponseMessage> PostActivityBodyAsync(HttpContent body, string? conversationId = null) =>
        SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId ?? ConversationId}/activities", body);

    /// <summary>
    /// The same open page talking to another host (the restarted server): it keeps its token,
    /// conversation and watermark, as Web Chat does.
    /// </summary>
    public DirectLineClient ContinueOn(HttpClient other) =>
        new(other) { Token = Token, ConversationId = ConversationId, Watermark = Watermark };

    public async Task<string> SayAsync(string text)
    {
        var response = await PostActivityAsync(new JObject
        {
            ["type"] = "message",
            ["text"] = text,
            ["from"] = new JObject { ["id"] = "someone-else", ["role"] = "user" },
            ["channelData"] = new JObject { ["clientActivityID"] = $"client-{Guid.NewGuid():N}" },
        });
        return (await ReadJsonAsync(response, HttpStatusCode.OK)).Value<string>("id")!;
    }

    public async Task<string> ClickAsync(JObject data) =>
        (await ReadJsonAsync(await PostActivityAsync(new JObject { ["type"] = "message", ["value"] = data }), HttpStatusCode.OK)).Value<string>("id")!;

    /// <summary>One poll: the activities after the last watermark, which then moves on.</summary>
    public async Task<IReadOnlyList<JObject>> PollAsync()
    {
        var body = await ReadJsonAsync(await GetActivitiesAsync(Watermark), HttpStatusCode.OK);
        Watermark = body.Value<string>("watermark")!;
        return body["activities"]!.Children<JObject>().ToList();
    }

    public Task<HttpResponseMessage> GetActivitiesAsync(string watermark, string? conversationId = null) =>
        SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId ?? ConversationId}/activities?watermark={watermark}");

    public Task<HttpResponseMessage> RefreshAsync() => SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh");

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, JObject? body = null) =>
        SendAsync(method, path, body is null ? null : new StringContent(body.ToString(), Encoding.UTF8, "application/json"));

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (Token.Length > 0)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        }

        request.Headers.Add("x-ms-bot-agent", "DirectLine/3.0 (directlinejs; tests)");
        request.Content = body;

        return await http.SendAsync(request);
    }

    public static async Task<JObject> ReadJsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {expected}, got {response.StatusCode}: {text}");
        return JObject.Parse(text);
    }
}
