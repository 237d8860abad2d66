using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace PledgeBot.Bench.EchoBot;

/// <summary>Answers every message with one small Adaptive Card that repeats what was said.</summary>
public sealed class EchoCardBot : ActivityHandler
{
    protected override Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var card = new JObject
        {
            ["type"] = "AdaptiveCard",
            ["version"] = "1.5",
            ["body"] = new JArray(new JObject { ["type"] = "TextBlock", ["text"] = $"Echo: {turnContext.Activity.Text}", ["wrap"] = true }),
            ["actions"] = new JArray(new JObject { ["type"] = "Action.Submit", ["title"] = "Again", ["data"] = new JObject { ["action"] = "again" } }),
        };
        var reply = MessageFactory.Attachment(new Attachment { ContentType = "application/vnd.microsoft.card.adaptive", Content = card });
        return turnContext.SendActivityAsync(reply, cancellationToken);
    }
}
