using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;

namespace PledgeBot.BotFramework;

/// <summary>
/// The SDK's CloudAdapter with the bot's one turn-error handler: log without personal data,
/// apologise with a way forward, and reset the conversation so the person is not stuck in a
/// broken step. Votes and pledges live in their own tables and are never touched here.
/// </summary>
public sealed class AdapterWithErrorHandler : CloudAdapter
{
    public AdapterWithErrorHandler(
        BotFrameworkAuthentication authentication,
        ConversationState conversationState,
        ILogger<AdapterWithErrorHandler> logger)
        : base(authentication, logger)
    {
        OnTurnError = async (turnContext, exception) =>
        {
            // Channel and activity type only: ids and text could identify a person.
            logger.LogError(
                exception,
                "Turn failed on channel {ChannelId} for a {ActivityType} activity",
                turnContext.Activity.ChannelId,
                turnContext.Activity.Type);

            try
            {
                await turnContext.SendActivityAsync(
                    "Sorry, something went wrong on our side. Your votes and pledges are safe. Type **menu** to start again.");
                await conversationState.DeleteAsync(turnContext);
            }
            catch (Exception followUp)
            {
                logger.LogError(followUp, "Could not tell the user about the failed turn");
            }
        };
    }
}
