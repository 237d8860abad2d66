using Newtonsoft.Json.Linq;

namespace PledgeBot.Tests.Support;

/// <summary>Activity JSON shaped as the Bot Framework Emulator and Web Chat send it.</summary>
public sealed class ChannelActivities(string userId = "user-1", string conversationId = "conversation-1", string channelId = "emulator")
{
    private int sequence;

    public JObject Message(string text) => Base("message", text: text);

    public JObject Click(JObject data) => Base("message", value: data);

    public JObject Joined() => Base("conversationUpdate", membersAdded: true);

    private JObject Base(string type, string? text = null, JObject? value = null, bool membersAdded = false)
    {
        var activity = new JObject
        {
            ["type"] = type,
            ["id"] = $"{conversationId}|{++sequence:0000}",
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["serviceUrl"] = "http://localhost:50000",
            ["channelId"] = channelId,
            ["from"] = new JObject { ["id"] = userId, ["name"] = "Test person", ["role"] = "user" },
            ["conversation"] = new JObject { ["id"] = conversationId },
            ["recipient"] = new JObject { ["id"] = "campaign-bot", ["name"] = "Campaign bot", ["role"] = "bot" },
            ["locale"] = "en-GB",
        };
        if (text is not null)
        {
            activity["text"] = text;
        }

        if (value is not null)
        {
            activity["value"] = value;
        }

        if (membersAdded)
        {
            activity["membersAdded"] = new JArray(
                new JObject { ["id"] = userId, ["name"] = "Test person" },
                new JObject { ["id"] = "campaign-bot", ["name"] = "Campaign bot" });
        }

        return activity;
    }
}
