using System.ComponentModel.DataAnnotations;

namespace PledgeBot.BotFramework;

/// <summary>
/// Limits on what the bot sends to channels (replies, proactive messages). The defaults follow
/// Teams, the strictest channel: 7 messages a second per conversation.
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
}
