using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace PledgeBot.Tests.Support;

/// <summary>
/// A channel's Bot Connector service on loopback (what Teams runs at its serviceUrl): it takes the
/// bot's replies and keeps them for the test to read.
/// </summary>
public sealed class ConnectorStandIn : IAsyncDisposable
{
    private readonly ConcurrentQueue<JObject> received = new();
    private LocalServer server = null!;

    public string ServiceUrl => server.BaseAddress + "/";

    public IReadOnlyList<JObject> Received => [.. received];

    public static async Task<ConnectorStandIn> StartAsync()
    {
        var standIn = new ConnectorStandIn();
        standIn.server = await LocalServer.StartAsync(app =>
        {
            app.MapPost("/v3/conversations/{conversationId}/activities", standIn.ReceiveAsync);
            app.MapPost("/v3/conversations/{conversationId}/activities/{replyToId}", standIn.ReceiveAsync);
        });
        return standIn;
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        var activity = JObject.Parse(await new StreamReader(request.Body).ReadToEndAsync());
        received.Enqueue(activity);
        return Results.Json(new { id = $"reply-{received.Count}" });
    }
}
