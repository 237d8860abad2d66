using System.Security.Claims;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;

namespace PledgeBot.BotFramework;

/// <summary>
/// The SDK's CloudAdapter with the bot's one turn-error handler: log without personal data,
/// apologise with a way forward, and reset the conversation so the person is not stuck in a
/// broken step. Votes and pledges live in their own tables and are never touched here.
/// </summary>
public sealed class AdapterWithErrorHandler : CloudAdapter
{
    /// <summary>
    /// What a person is told when their turn failed. The turn may have failed before, during or
    /// after storing a vote or pledge, so it promises nothing about them and says how to check.
    /// </summary>
    public const string Apology =
        "Sorry, something went wrong on our side and I could not finish that. If you were voting or pledging, please check with **my data** or try again. Type **menu** to start again.";

    /// <summary>
    /// The SDK's own log category. It logs conversation and activity ids at Information and below,
    /// so <see cref="LogPrivacy"/> keeps it at Warning.
    /// </summary>
    public const string SdkLogCategory = "Microsoft.Bot.Builder.CloudAdapter";

    private readonly AuthenticateRequestResult directLineCaller;

    public AdapterWithErrorHandler(
        BotFrameworkAuthentication authentication,
        ConversationState conversationState,
        ILogger<AdapterWithErrorHandler> logger,
        ILoggerFactory loggers,
        string? appId)
        : base(authentication, loggers.CreateLogger(SdkLogCategory))
    {
        // The built-in Direct Line is this host itself, so its activities need no token check;
        // the bot's replies to it are signed with the bot's own app id when one is configured.
        var identity = string.IsNullOrEmpty(appId)
            ? new ClaimsIdentity()
            : new ClaimsIdentity([new Claim(AuthenticationConstants.AudienceClaim, appId)]);
        directLineCaller = new AuthenticateRequestResult
        {
            ClaimsIdentity = identity,
            Audience = AuthenticationConstants.ToChannelFromBotOAuthScope,
            ConnectorFactory = authentication.CreateConnectorFactory(identity),
        };

        OnTurnError = async (turnContext, exception) =>
        {
            // Channel, activity type, and the exception's type and stack: never its message, which
            // can quote what the person sent (a JSON reader's "could not convert 'anna@...'") or ids.
            logger.LogError(
                "Turn failed on channel {ChannelId} for a {ActivityType} activity: {ExceptionType}{StackTrace}",
                turnContext.Activity.ChannelId,
                turnContext.Activity.Type,
                exception.GetType().FullName,
                Environment.NewLine + exception.StackTrace);

            try
            {
                await turnContext.SendActivityAsync(Apology);
                await conversationState.DeleteAsync(turnContext);
            }
            catch (Exception followUp)
            {
                logger.LogError("Could not tell the user about the failed turn: {ExceptionType}", followUp.GetType().FullName);
            }
        };
    }

    /// <summary>Runs a turn for an activity from the built-in Direct Line, through the same pipeline as /api/messages.</summary>
    public Task ProcessDirectLineActivityAsync(Activity activity, IBot bot, CancellationToken cancellationToken) =>
        ProcessActivityAsync(directLineCaller, activity, bot.OnTurnAsync, cancellationToken);
}
