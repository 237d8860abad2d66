using System.Collections.Frozen;

namespace PledgeBot.Telemetry;

/// <summary>
/// The channel as a metric tag or span attribute. A sender chooses the channelId it posts, so a
/// name outside the Bot Framework's channels becomes "other": every distinct tag value is a time
/// series kept in memory, and a stranger must not be able to add them without bound.
/// </summary>
public static class TelemetryChannels
{
    public const string Other = "other";

    private static readonly FrozenSet<string> Known = new[]
    {
        "alexa", "console", "cortana", "directline", "directlinespeech", "email", "emulator", "facebook",
        "groupme", "kik", "line", "m365extensions", "msteams", "omnichannel", "outlook", "skype",
        "skypeforbusiness", "slack", "sms", "telegram", "test", "twilio-sms", "webchat", "webex",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The known name (the set's own string, not the sender's), or "other".</summary>
    public static string Of(string? channelId) =>
        channelId is not null && Known.TryGetValue(channelId, out var known) ? known : Other;
}
