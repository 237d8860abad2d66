using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace PledgeBot.Tests.Support;

/// <summary>
/// A campaign's webhook receiver, as the README tells one to be written: it reads the raw body,
/// verifies the Standard Webhooks signature with the StandardWebhooks package (401 when it does
/// not verify), and takes each <c>webhook-id</c> once (a repeat is answered 200 and not taken
/// again). Faults can be queued for the next calls (a status, a Retry-After, a hang), or every call
/// refused (<see cref="Answer"/>), and every call is recorded. Its URL carries a secret query, as
/// a receiver that authenticates senders by one would: it must never be shown or logged.
/// </summary>
public sealed class WebhookReceiverStandIn : IAsyncDisposable
{
    public const string Path = "/hooks/pledgebot";

    public const string SecretQuery = "token=q-7f3e9c2b-secret";

    private readonly ConcurrentQueue<Fault> faults = new();
    private readonly ConcurrentDictionary<string, TakenEvent> taken = new();
    private readonly ConcurrentQueue<ReceivedCall> calls = new();
    private LocalServer? server;

    public WebhookReceiverStandIn(string? secret = null) => Secret = secret ?? NewSecret();

    public string Secret { get; }

    public string Url => server!.BaseAddress.TrimEnd('/') + Path + "?" + SecretQuery;

    /// <summary>The answer to every verified call no fault is queued for; a refusal (not 2xx) takes nothing.</summary>
    public int Answer { get; set; } = 200;

    /// <summary>Events taken (answered 2xx), once per webhook-id.</summary>
    public int Taken => taken.Count;

    /// <summary>Events taken, once per webhook-id, in the order they arrived.</summary>
    public IReadOnlyList<TakenEvent> Events => [.. taken.Values.OrderBy(e => e.Sequence)];

    /// <summary>Every call, verified or not, repeats included.</summary>
    public IReadOnlyList<ReceivedCall> Calls => [.. calls];

    /// <summary>The bot's settings for this receiver as pairs, each delivery dead-lettered after <paramref name="maxAttempts"/> attempts.</summary>
    public (string Key, string? Value)[] SettingsDeadLetteringAfter(int maxAttempts = 1) =>
    [
        ("Crm:Webhook:Url", Url),
        ("Crm:Webhook:Secret", Secret),
        ("Crm:MaxAttempts", maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];

    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The bot's settings that send webhooks here.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Crm:Webhook:Url"] = Url,
        ["Crm:Webhook:Secret"] = Secret,
    };

    public static async Task<WebhookReceiverStandIn> StartAsync(string? secret = null)
    {
        var receiver = new WebhookReceiverStandIn(secret);
        receiver.server = await LocalServer.StartAsync(app => app.MapPost(Path, receiver.ReceiveAsync));
        return receiver;
    }

    /// <summary>The next call is answered with <paramref name="status"/> (and Retry-After, in seconds), and not taken.</summary>
    public void FailNext(int status, int? retryAfterSeconds = null) => faults.Enqueue(new Fault(status, retryAfterSeconds, Hang: false));

    private TaskCompletionSource answering = CompletedGate();

    /// <summary>Calls from now on are read and recorded but not answered until <see cref="ReleaseAnswers"/> (deliveries stay in flight).</summary>
    public void HoldAnswers() => answering = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void ReleaseAnswers() => answering.TrySetResult();

    private static TaskCompletionSource CompletedGate()
    {
        var gate = new TaskCompletionSource();
        gate.SetResult();
        return gate;
    }

    /// <summary>The next call gets no answer for a minute (the bot's timeout must end it), and is not taken.</summary>
    public void HangNext() => faults.Enqueue(new Fault(200, null, Hang: true));

    public async Task<IReadOnlyList<TakenEvent>> WaitForEventsAsync(int count, string? type = null)
    {
        await Eventually.TrueAsync(
            () => Task.FromResult(Events.Count(e => type is null || e.Type == type) >= count),
            $"{count} webhook event(s){(type is null ? "" : " of type " + type)} taken");
        return [.. Events.Where(e => type is null || e.Type == type)];
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        // The signature covers the exact bytes sent: read them as they are, before any parsing.
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var id = request.Headers["webhook-id"].ToString();
        var verified = Verifies(body, request.Headers);
        calls.Enqueue(new ReceivedCall(id, request.Headers["webhook-timestamp"].ToString(), request.Headers["webhook-signature"].ToString(), body, verified, DateTimeOffset.UtcNow));
        if (!verified)
        {
            return Results.Unauthorized();
        }

        // A call cut off while held (the bot was killed) is not taken.
        await answering.Task.WaitAsync(request.HttpContext.RequestAborted);

        if (faults.TryDequeue(out var fault))
        {
            if (fault.Hang)
            {
                await Task.Delay(TimeSpan.FromMinutes(1), request.HttpContext.RequestAborted);
            }

            if (fault.RetryAfterSeconds is { } seconds)
            {
                request.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return Results.StatusCode(fault.Status);
        }

        if (Answer is < 200 or >= 300)
        {
            return Results.StatusCode(Answer);
        }

        var json = JObject.Parse(body);
        taken.TryAdd(id, new TakenEvent(id, (string)json["type"]!, json, calls.Count));
        return Results.Ok();
    }

    /// <summary>What a receiver does with the package: true when a signature verifies over the body and the timestamp is within 5 minutes.</summary>
    public bool Verifies(string body, IHeaderDictionary headers)
    {
        try
        {
            new StandardWebhook(Secret).Verify(body, headers);
            return true;
        }
        catch (WebhookVerificationException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    private sealed record Fault(int Status, int? RetryAfterSeconds, bool Hang);

    public sealed record TakenEvent(string Id, string Type, JObject Json, int Sequence)
    {
        public JObject Data => (JObject)Json["data"]!;
    }

    public sealed record ReceivedCall(string Id, string Timestamp, string Signature, string Body, bool Verified, DateTimeOffset At)
    {
        public HeaderDictionary Headers() => new()
        {
            ["webhook-id"] = Id,
            ["webhook-timestamp"] = Timestamp,
            ["webhook-signature"] = Signature,
        };
    }
}
