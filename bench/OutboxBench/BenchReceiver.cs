using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace PledgeBot.Bench.OutboxBench;

/// <summary>
/// A webhook receiver as a campaign would run one: verifies each signature (StandardWebhooks) and
/// takes each webhook-id once. While its gate is closed, calls wait (the bot's backlog builds up).
/// </summary>
public sealed class BenchReceiver(string secret) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, bool> taken = new();
    private TaskCompletionSource gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication? app;

    public int Taken => taken.Count;

    public int Rejected;

    public string Url { get; private set; } = "";

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        app = builder.Build();
        var verifier = new StandardWebhook(secret);
        app.MapPost("/hooks", async (HttpRequest request) =>
        {
            await gate.Task;
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            try
            {
                verifier.Verify(body, request.Headers);
            }
            catch (WebhookVerificationException)
            {
                Interlocked.Increment(ref Rejected);
                return Results.Unauthorized();
            }

            taken.TryAdd(request.Headers["webhook-id"].ToString(), true);
            return Results.Ok();
        });
        await app.StartAsync();
        Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hooks";
    }

    public void Open() => gate.TrySetResult();

    public void Close() => gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Clear() => taken.Clear();

    public async ValueTask DisposeAsync()
    {
        Open();
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}
