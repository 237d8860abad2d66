using System.Net.Http.Headers;
using StandardWebhooks;
using PledgeBot.Storage;

namespace PledgeBot.Crm;

/// <summary>
/// Signed webhooks after the Standard Webhooks specification: a POST of the event's JSON with
/// <c>webhook-id</c> (the outbox record's id: the receiver's idempotency key, the same on every
/// retry), <c>webhook-timestamp</c> (this attempt's time) and <c>webhook-signature</c> (HMAC-SHA256
/// over "id.timestamp.body" with the shared secret, by the StandardWebhooks package).
/// </summary>
public sealed class WebhookDestination(HttpClient http, WebhookOptions options, TimeProvider clock) : ICrmDestination
{
    public const string DestinationName = "webhook";
    public const string MessageIdPrefix = "msg_";

    private readonly Uri url = new(options.Url!);
    private readonly StandardWebhook current = new(options.Secret!);
    private readonly StandardWebhook? previous = string.IsNullOrWhiteSpace(options.PreviousSecret) ? null : new(options.PreviousSecret);

    public string Name => DestinationName;

    public string Label => "Signed webhooks";

    public int MaxInFlight => options.MaxInFlight;

    public async Task<CrmDeliveryResult> DeliverAsync(DueCrmDelivery delivery, CrmSupporter supporter, CancellationToken cancellationToken)
    {
        var body = WebhookPayloads.Serialize(delivery, supporter);
        var id = MessageIdPrefix + delivery.RecordId;
        var timestamp = clock.GetUtcNow();
        var text = System.Text.Encoding.UTF8.GetString(body);
        // The current secret's signature first: StandardWebhooks 1.1.2's own Verify never checks
        // the last of several signatures, so a receiver using it still finds the current one.
        var signature = current.Sign(id, timestamp, text);
        if (previous is not null)
        {
            signature += " " + previous.Sign(id, timestamp, text);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", signature);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.Gone)
        {
            // The specification's "stop sending here": nothing later would be taken either.
            throw new CrmDeliveryException(410, "receiver says gone", permanent: true);
        }

        return CrmDeliveryResult.Delivered(CrmHttpAnswers.EnsureDelivered(response));
    }
}
