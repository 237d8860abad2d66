using System.Text.Json.Nodes;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using PledgeBot.Dialogs.Cards;
using PledgeBot.Dialogs.Teams;

namespace PledgeBot.Dialogs.Conversation;

/// <summary>Where our card JSON meets the SDK's activity types.</summary>
public static class CardReplies
{
    public static Attachment ToAttachment(JsonObject card) => new()
    {
        ContentType = CardElements.ContentType,
        // The SDK serialises activities with Newtonsoft, so the card travels as a JObject.
        Content = NewtonsoftCard.ToJObject(card),
    };

    /// <summary>Sends a live card; in Teams in its Universal Actions form, drawn again for each reader.</summary>
    public static Task<ResourceResponse> SendCardAsync(this ITurnContext turnContext, LiveCard card, CancellationToken cancellationToken) =>
        SendAsync(turnContext, ForChannel(turnContext.Activity, card.Card, card.View), cancellationToken);

    /// <summary>The card as the activity's channel should get it: Teams gets Action.Execute and refresh.</summary>
    public static JsonObject ForChannel(IActivity activity, JsonObject card, CardView? view)
    {
        if (activity.ChannelId != Channels.Msteams)
        {
            return card;
        }

        var personalChat = activity.Conversation?.ConversationType is null or "personal";
        return UniversalActions.ForTeams(card, view, personalChat ? activity.From?.Id : null);
    }

    public static Task<ResourceResponse> SendCardAsync(this ITurnContext turnContext, JsonObject card, CancellationToken cancellationToken) =>
        SendAsync(turnContext, ForChannel(turnContext.Activity, card, view: null), cancellationToken);

    private static Task<ResourceResponse> SendAsync(ITurnContext turnContext, JsonObject card, CancellationToken cancellationToken)
    {
        var reply = MessageFactory.Attachment(ToAttachment(card));
        reply.Speak = card["speak"]?.GetValue<string>();
        return turnContext.SendActivityAsync(reply, cancellationToken);
    }
}
