using System.Text.Json.Nodes;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using PledgeBot.Dialogs.Cards;

namespace PledgeBot.Dialogs.Conversation;

/// <summary>Where our card JSON meets the SDK's activity types.</summary>
public static class CardReplies
{
    public static Attachment ToAttachment(JsonObject card) => new()
    {
        ContentType = CardElements.ContentType,
        // The SDK serialises activities with Newtonsoft, so the card travels as a JObject.
        Content = JObject.Parse(card.ToJsonString()),
    };

    public static Task<ResourceResponse> SendCardAsync(this ITurnContext turnContext, JsonObject card, CancellationToken cancellationToken)
    {
        var reply = MessageFactory.Attachment(ToAttachment(card));
        reply.Speak = card["speak"]?.GetValue<string>();
        return turnContext.SendActivityAsync(reply, cancellationToken);
    }
}
