using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Admin;

/// <summary>
/// A webhook receiver on loopback that answers every delivery with <see cref="Answer"/>, for the
/// admin's view of CRM deliveries: a refusal dead-letters them, a 200 takes them.
/// </summary>
public sealed class CrmReceiverStandIn : IAsyncDisposable
{
    /// <summary>A query a receiver might use to authenticate senders: a secret that must never be shown.</summary>
    public const string SecretQuery = "token=q-7f3e9c2b-secret";

    private const string HookPath = "/hooks/pledgebot";

    private LocalServer server = null!;
    private int answer;
    private int taken;

    private CrmReceiverStandIn(int answer) => this.answer = answer;

    public int Answer { get => Volatile.Read(ref answer); set => Volatile.Write(ref answer, value); }

    /// <summary>Deliveries answered with a 2xx.</summary>
    public int Taken => Volatile.Read(ref taken);

    public string Url => $"{server.BaseAddress.TrimEnd('/')}{HookPath}?{SecretQuery}";

    public string Secret { get; } = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static async Task<CrmReceiverStandIn> StartAsync(int answer)
    {
        var receiver = new CrmReceiverStandIn(answer);
        receiver.server = await LocalServer.StartAsync(app => app.MapPost(HookPath, () =>
        {
            var status = receiver.Answer;
            if (status is >= 200 and < 300)
            {
                Interlocked.Increment(ref receiver.taken);
            }

            return Results.StatusCode(status);
        }));
        return receiver;
    }

    /// <summary>The bot's settings for a webhook CRM at this receiver, each failure final (one attempt).</summary>
    public (string Key, string? Value)[] Settings(int maxAttempts = 1) =>
    [
        ("Crm:Webhook:Url", Url),
        ("Crm:Webhook:Secret", Secret),
        ("Crm:MaxAttempts", maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];

    public ValueTask DisposeAsync() => server.DisposeAsync();
}
