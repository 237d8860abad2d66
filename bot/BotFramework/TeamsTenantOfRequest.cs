using System.Text.Json;

namespace PledgeBot.BotFramework;

/// <summary>
/// The Teams tenant (organisation) a request to a channel's connector acts in, for the tenant's
/// limit (Teams: 50 requests a second per app and tenant).
/// </summary>
/// <remarks>
/// Read from the request body, because nothing else carries it: the connector's address is
/// regional and shared by many tenants, a personal chat's id does not name its tenant, and the
/// SDK builds each HTTP request itself, so no caller can attach an option to it. Every activity
/// the SDK sends in Teams does carry it, as <c>conversation.tenantId</c> (copied from the
/// incoming activity or from the stored conversation reference) or <c>channelData.tenant.id</c>.
/// The answer is kept in the request's options, so a retry of the same request does not read
/// the body again, and the pace's partitions can read it without waiting.
/// </remarks>
public static class TeamsTenantOfRequest
{
    private static readonly HttpRequestOptionsKey<string> TenantKey = new("PledgeBot.TeamsTenant");

    /// <summary>The tenant the request was found to act in, or null when it names none (other channels, token requests).</summary>
    public static string? Of(HttpRequestMessage request) =>
        request.Options.TryGetValue(TenantKey, out var tenant) ? tenant : null;

    /// <summary>Reads the tenant from a connector request's JSON body and keeps it with the request.</summary>
    public static async ValueTask<string?> ReadAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Options.TryGetValue(TenantKey, out var known))
        {
            return known;
        }

        if (request.Content is not { } content || !IsConnectorCall(request))
        {
            return null;
        }

        // The SDK's bodies are buffered strings, so reading one here leaves it whole for sending.
        var body = await content.ReadAsByteArrayAsync(cancellationToken);
        var tenant = TenantIn(body);
        if (tenant is not null)
        {
            request.Options.Set(TenantKey, tenant);
        }

        return tenant;
    }

    /// <summary>The tenant an activity's JSON names, or null; a body that is not JSON names none.</summary>
    public static string? TenantIn(ReadOnlySpan<byte> activityJson)
    {
        try
        {
            var reader = new Utf8JsonReader(activityJson);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return NonEmptyString(root, "conversation", "tenantId") ?? NonEmptyString(root, "channelData", "tenant", "id");
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? NonEmptyString(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String && element.GetString() is { Length: > 0 } value ? value : null;
    }

    // The Bot Connector API lives under .../v3/conversations; token and other services' calls are not a tenant's.
    private static bool IsConnectorCall(HttpRequestMessage request) =>
        request.RequestUri is { IsAbsoluteUri: true } uri
        && uri.AbsolutePath.Contains("/v3/conversations", StringComparison.OrdinalIgnoreCase);
}
