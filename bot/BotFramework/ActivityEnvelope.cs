using System.Text.Json;

namespace PledgeBot.BotFramework;

/// <summary>
/// Who sent an activity to /api/messages, and where the bot would answer: read once
/// from the body by <see cref="ActivityShapeFilter"/> for the filters after it. Holds ids: it is
/// for decisions, never for logs.
/// </summary>
public sealed record ActivityEnvelope(string ChannelId, string FromId, Uri ServiceUrl)
{
    public static ActivityEnvelope Of(JsonElement activity) => new(
        ActivityShapeFilter.Text(activity, "channelId") ?? "",
        ActivityShapeFilter.Text(activity.GetProperty("from"), "id")!,
        new Uri(ActivityShapeFilter.Text(activity, "serviceUrl")!));
}
