using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;
using PledgeBot.BotFramework;
using PledgeBot.Dialogs.Cards;
using PledgeBot.Dialogs.Conversation;
using PledgeBot.Dialogs.FollowUps;
using PledgeBot.Storage;

namespace PledgeBot.FollowUps;

/// <summary>
/// A follow-up to a person's Teams personal chat, as a card, through the proactive sender (so
/// within Teams' limits per conversation and per tenant), its answer turned into the queue's outcome.
/// </summary>
public sealed class TeamsFollowUpDelivery(TeamsProactiveSender sender, IOptions<FollowUpOptions> options, TimeProvider clock) : IFollowUpDelivery
{
    public FollowUpRoute Route => FollowUpRoute.Teams;

    public async Task<FollowUpOutcome> DeliverAsync(DueFollowUp recipient, FollowUpMessage message, CancellationToken cancellationToken)
    {
        if (ReadReference(recipient.ConversationReference) is not { } conversation)
        {
            return new FollowUpOutcome(FollowUpDeliveryStatus.Failed, "no conversation to send to");
        }

        var card = MessageFactory.Attachment(CardReplies.ToAttachment(FollowUpUpdateCard.Create(message)));
        // What Teams shows in a notification and the chat list, where a card alone reads "sent a card".
        card.Summary = message.Title;
        var outcome = await sender.SendAsync(conversation, card, cancellationToken);
        return outcome.Result switch
        {
            ProactiveSendResult.Sent => FollowUpOutcome.Sent,
            ProactiveSendResult.Blocked => new(FollowUpDeliveryStatus.Blocked, outcome.Reason),
            ProactiveSendResult.Failed => new(FollowUpDeliveryStatus.Failed, outcome.Reason),
            _ => FollowUpRetry.After(recipient.Attempts + 1, options.Value.MaxAttempts, outcome.Reason, outcome.RetryAfter, clock.GetUtcNow()),
        };
    }

    private static ConversationReference? ReadReference(string? json)
    {
        try
        {
            return string.IsNullOrEmpty(json) ? null : JsonConvert.DeserializeObject<ConversationReference>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
