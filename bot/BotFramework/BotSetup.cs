using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.IdentityModel.Tokens;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using PledgeBot.RateLimits;
using PledgeBot.Dialogs.Conversation;
using PledgeBot.Dialogs.Results;
using PledgeBot.Dialogs.Languages;
using PledgeBot.Dialogs.Teams;
using PledgeBot.Teams;
using PledgeBot.Telemetry;

namespace PledgeBot.BotFramework;

public static class BotSetup
{
    /// <summary>
    /// The Bot Framework side: authentication from the standard MicrosoftApp* settings (no app id
    /// means local use without tokens), the adapter (with the Teams tenant gate), the bot and its
    /// dialogs, and the limits on what the bot sends to channels.
    /// </summary>
    public static IServiceCollection AddCampaignBot(this IServiceCollection services)
    {
        // The SDK sends replies and proactive messages with HttpClients from this factory; without
        // one it would make plain HttpClients, without the channels' limits.
        services.AddOutboundLimits();
        services.AddSingleton<BotFrameworkAuthentication>(sp => new TurnClientsAuthentication(new ConfigurationBotFrameworkAuthentication(
            sp.GetRequiredService<IConfiguration>(),
            httpClientFactory: sp.GetRequiredService<IHttpClientFactory>())));
        services.AddOptions<TeamsOptions>().BindConfiguration(TeamsOptions.Section);
        services.AddOptions<ChannelsOptions>().BindConfiguration(ChannelsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var adapter = new AdapterWithErrorHandler(
                sp.GetRequiredService<BotFrameworkAuthentication>(),
                sp.GetRequiredService<ConversationState>(),
                sp.GetRequiredService<ILogger<AdapterWithErrorHandler>>(),
                sp.GetRequiredService<ILoggerFactory>(),
                sp.GetRequiredService<IConfiguration>()["MicrosoftAppId"]);
            // First, so that a turn's span and metrics cover every other middleware and the bot.
            adapter.Use(sp.GetRequiredService<TurnTelemetry>());
            adapter.Use(new TeamsTenantGate(sp.GetRequiredService<IOptions<TeamsOptions>>().Value.AllowedTenants));
            // Before the bot: every word and text of the turn in the supporter's language.
            adapter.Use(sp.GetRequiredService<TurnLanguage>());
            return adapter;
        });
        services.AddSingleton<IBotFrameworkHttpAdapter>(sp => sp.GetRequiredService<AdapterWithErrorHandler>());
        // Messages on the bot's own initiative (follow-ups), through the same adapter and limits.
        services.AddSingleton<TeamsProactiveSender>();
        services.AddSingleton<TurnLanguage>();
        services.AddSingleton<VotingStatusReader>();
        services.AddSingleton<LiveCards>();
        services.AddSingleton<ShareCauseSearch>();
        services.AddSingleton<StoryDialog>();
        services.AddSingleton<ShareDialog>();
        services.AddSingleton<FollowUpDialog>();
        services.AddSingleton<VoteDialog>();
        services.AddSingleton<PledgeSteps>();
        services.AddSingleton<ConsentStatementVersions>();
        services.AddSingleton<PledgeDialog>();
        services.AddSingleton<RightsDialog>();
        services.AddSingleton<LanguageDialog>();
        services.AddTransient<IBot, CampaignBot>();
        return services;
    }

    /// <summary>The channel endpoint: Azure Bot Service, Teams, Web Chat and the Emulator post activities here.</summary>
    public static WebApplication MapBotMessages(this WebApplication app)
    {
        app.MapPost("/api/messages", async (HttpContext context, IBotFrameworkHttpAdapter adapter, IBot bot, ILogger<IBot> logger, CancellationToken cancellationToken) =>
            {
                var response = context.Response;
                try
                {
                    await adapter.ProcessAsync(context.Request, response, bot, cancellationToken);
                }
                catch (Exception e) when (e is SecurityTokenException or SecurityTokenArgumentException && !response.HasStarted)
                {
                    // The adapter turns a missing or refused token into 401 itself, but lets a
                    // malformed one escape as an exception; it is the same answer to the sender.
                    response.StatusCode = StatusCodes.Status401Unauthorized;
                }
                catch (Exception e) when (e is not OperationCanceledException && !response.HasStarted)
                {
                    // A turn's own failures are answered by the turn-error handler; what escapes the
                    // adapter happened before any turn: the token could not be checked (the channel's
                    // signing keys unreachable, say). Nothing ran, so the sender may try again.
                    logger.LogError("An activity could not be checked before its turn ({Error})", e.GetType().Name);
                    response.Headers.RetryAfter = "30";
                    await TypedResults.Problem(
                        "The activity could not be checked right now. Please try again shortly.",
                        statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context);
                }
            })
            // In order, each before any turn runs: without an app id a local caller, a readable
            // token, a well-formed activity with bounded ids, a serviceUrl the bot may call, the
            // sender's turn budget.
            .AddEndpointFilter<LocalCallerFilter>()
            .AddEndpointFilter<UnreadableTokenFilter>()
            .AddEndpointFilter<ActivityShapeFilter>()
            .AddEndpointFilter<TrustedServiceUrlFilter>()
            .AddEndpointFilter<PersonTurnLimitFilter>()
            .WithMetadata(new RequestSizeLimitAttribute(ActivityShapeFilter.MaxActivityBytes));
        return app;
    }
}
