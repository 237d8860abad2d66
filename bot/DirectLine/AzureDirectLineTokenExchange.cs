using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace PledgeBot.DirectLine;

/// <summary>
/// Exchanges the Azure Direct Line secret for a conversation token, server-side, so the secret
/// never reaches a browser (POST {TokenServiceUrl}/v3/directline/tokens/generate).
/// </summary>
public sealed class AzureDirectLineTokenExchange(HttpClient http, DirectLineOptions options)
{
    public async Task<AzureToken?> GenerateAsync(string userId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.TokenServiceUrl, "v3/directline/tokens/generate"))
        {
            Content = JsonContent.Create(new { user = new { id = userId } }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Secret);
        using var response = await http.SendAsync(request, cancellationToken);
        return response.IsSuccessStatusCode
            ? await response.Content.ReadFromJsonAsync<AzureToken>(cancellationToken)
            : null;
    }
}

public sealed record AzureToken(
    [property: JsonPropertyName("conversationId")] string ConversationId,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);
