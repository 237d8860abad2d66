using Newtonsoft.Json.Linq;

namespace PledgeBot.Tests.Support;

/// <summary>Activity JSON shaped as Microsoft Teams posts it to /api/messages.</summary>
public sealed class TeamsActivities(string serviceUrl, string aadObjectId, string conversationId = "19:group-chat-1@thread.v2", string conversationType = "groupChat", string tenantId = "tenant-contoso")
{
    private int sequence;

    public JObject Message(string text, string? mentionedBotName = null)
    {
        var activity = Base("message");
        activity["text"] = mentionedBotName is null ? text : $"<at>{mentionedBotName}</at> {text}";
        if (mentionedBotName is not null)
        {
            activity["entities"] = new JArray(new JObject
            {
                ["type"] = "mention",
                ["mentioned"] = new JObject { ["id"] = "28:campaign-bot", ["name"] = mentionedBotName },
                ["text"] = $"<at>{mentionedBotName}</at>",
            });
        }

        return activity;
    }

    /// <summary>A click on an Action.Submit: Teams sends a message whose value is the button's data.</summary>
    public JObject Click(JObject data)
    {
        var activity = Base("message");
        activity["value"] = data;
        return activity;
    }

    public JObject CardAction(string verb, JObject data)
    {
        var activity = Base("invoke");
        activity["name"] = "adaptiveCard/action";
        activity["value"] = new JObject
        {
            ["action"] = new JObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data },
            ["trigger"] = "manual",
        };
        return activity;
    }

    public JObject Search(string typed)
    {
        var activity = Base("invoke");
        activity["name"] = "composeExtension/query";
        activity["value"] = new JObject
        {
            ["commandId"] = "shareCause",
            ["parameters"] = new JArray(new JObject { ["name"] = "searchQuery", ["value"] = typed }),
            ["queryOptions"] = new JObject { ["skip"] = 0, ["count"] = 25 },
        };
        return activity;
    }

    private JObject Base(string type) => new()
    {
        ["type"] = type,
        ["id"] = $"1700000000{++sequence:000}",
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
        ["serviceUrl"] = serviceUrl,
        ["channelId"] = "msteams",
        ["from"] = new JObject { ["id"] = $"29:{aadObjectId}", ["name"] = "Teams person", ["aadObjectId"] = aadObjectId },
        ["conversation"] = new JObject { ["id"] = conversationId, ["conversationType"] = conversationType, ["tenantId"] = tenantId, ["isGroup"] = conversationType != "personal" },
        ["recipient"] = new JObject { ["id"] = "28:campaign-bot", ["name"] = "Campaign bot" },
        ["channelData"] = new JObject { ["tenant"] = new JObject { ["id"] = tenantId } },
        ["locale"] = "en-GB",
    };
}
