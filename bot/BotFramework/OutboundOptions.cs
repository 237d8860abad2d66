using System.ComponentModel.DataAnnotations;

namespace PledgeBot.BotFramework;

/// <summary>
/// Limits on what the bot sends to channels (replies, proactive messages). The defaults follow
/// Teams, the strictest channel: 7 messages a second per conversation, 50 requests a second per
/// tenant (organisation) for the app.
/// </summary>
public sealed class OutboundOptions
{
    public const string Section = "Outbound";

    /// <summary>
    /// Retries after the first attempt when a channel answers 429, 412, 502, 503 or 504 or cannot be
    /// reached; 0 turns retrying off.
    /// </summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 4;

    /// <summary>At most this many messages reach one conversation in any one second; the rest wait their turn.</summary>
    [Range(1, 100)]
    public int MessagesPerSecondPerConversation { get; set; } = 7;

    /// <summary>
    /// At most this many requests go to one Teams tenant (organisation) in any one second; the rest
    /// wait their turn. Teams counts all of an app's requests in a tenant together.
    /// </summary>
    [Range(1, 1000)]
    public int RequestsPerSecondPerTenant { get; set; } = 50;
}
