using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace PledgeBot.Dialogs.Conversation;

/// <summary>
/// The event our web chat page sends when it connects: <c>{"name": "webchat/join", "value":
/// {"cause": "&lt;id or null&gt;", "locale": "..."}}</c>.
/// </summary>
public static class WebChatJoin
{
    public const string EventName = "webchat/join";
    public const string DirectLineChannel = "directline";
    public const string WebChatChannel = "webchat";

    public static string? CauseIdOf(IEventActivity activity) =>
        activity.Value is JObject value && value["cause"]?.Type == JTokenType.String ? value.Value<string>("cause") : null;
}
