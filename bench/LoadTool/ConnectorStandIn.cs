using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PledgeBot.Bench.LoadTool;

/// <summary>
/// A channel's Bot Connector service on loopback (what Teams runs at its serviceUrl): it answers
/// 200 to every reply the bot posts and keeps the replies per conversation until the tool takes them.
/// </summary>
public sealed class ConnectorStandIn : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> replies = new();
    private WebApplication app = null!;
    private long posted;

    public string ServiceUrl { get; private set; } = "";

    public long Posted => Interlocked.Read(ref posted);

    public static async Task<ConnectorStandIn> StartAsync()
    {
        var standIn = new ConnectorStandIn();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        standIn.app = builder.Build();
        standIn.app.MapPost("/v3/conversations/{conversationId}/activities", standIn.ReceiveAsync);
        standIn.app.MapPost("/v3/conversations/{conversationId}/activities/{replyToId}", standIn.ReceiveAsync);
        await standIn.app.StartAsync();
        standIn.ServiceUrl = standIn.app.Urls.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal) + "/";
        return standIn;
    }

    /// <summary>Every reply the bot posted to this conversation since the last call, as their JSON.</summary>
    public string Take(string conversationId)
    {
        if (!replies.TryRemove(conversationId, out var queue))
        {
            return "";
        }

        return string.Join("\n", queue);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task<IResult> ReceiveAsync(string conversationId, HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        replies.GetOrAdd(conversationId, _ => new ConcurrentQueue<string>()).Enqueue(body);
        Interlocked.Increment(ref posted);
        return Results.Json(new { id = $"reply-{Posted}" });
    }
}
