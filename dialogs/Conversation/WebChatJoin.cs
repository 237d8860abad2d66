using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using PledgeBot.Dialogs.Identity;

namespace PledgeBot.Dialogs.Conversation;

/// <summary>
/// The event our web chat page sends when it connects: <c>{"name": "webchat/join", "value":
/// {"cause": "&lt;id or null&gt;", "locale": "...", "referral": "&lt;code or null&gt;"}}</c>.
/// </summary>
public static class WebChatJoin
{
    public const string EventName = "webchat/join";
    public const string DirectLineChannel = "directline";
    public const string WebChatChannel = "webchat";

    public static string? CauseIdOf(IEventActivity activity) =>
        activity.Value is JObject value && value["cause"]?.Type == JTokenType.String ? value.Value<string>("cause") : null;

    /// <summary>The share link's referral code, when it is a well-formed one; anything else is ignored.</summary>
    public static string? ReferralCodeOf(IEventActivity activity) =>
        activity.Value is JObject value
        && value["referral"]?.Type == JTokenType.String
        && value.Value<string>("referral") is var code
        && PersonKeyHasher.IsWellFormedReferralCode(code)
            ? code
            : null;
}
