using System.Text.Json;

namespace PledgeBot.FollowUps;

/// <summary>
/// What an automatic update was about, kept with it when it was added (the message column), so
/// that it is worded the same however long after it is sent: which pledge, and the goal reached.
/// </summary>
public sealed record AutomaticUpdateFacts(string? PledgeId, int? Goal)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static AutomaticUpdateFacts? FromJson(string? json)
    {
        try
        {
            return string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<AutomaticUpdateFacts>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
