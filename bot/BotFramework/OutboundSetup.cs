using Microsoft.Extensions.Options;
using Polly;

namespace PledgeBot.BotFramework;

public static class OutboundSetup
{
    /// <summary>
    /// What the bot sends to channels goes through the SDK's ConnectorClient, whose HttpClient
    /// comes from <c>IHttpClientFactory.CreateClient()</c> (ConnectorFactoryImpl in
    /// Microsoft.Bot.Connector 4.23.1): the default, unnamed client. This gives that client the
    /// channels' limits: retries with backoff (<see cref="ChannelRetry"/>) around a pace per
    /// conversation and per Teams tenant (<see cref="ChannelPacingHandler"/>), so that retries are
    /// paced too. Replies in a turn and proactive messages (<see cref="TeamsProactiveSender"/>)
    /// both go through it.
    /// </summary>
    public static IServiceCollection AddOutboundLimits(this IServiceCollection services)
    {
        services.AddOptions<OutboundOptions>().BindConfiguration(OutboundOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<OutboundOptions>>().Value;
            return new ChannelPace(options.MessagesPerSecondPerConversation, options.RequestsPerSecondPerTenant);
        });

        // The default loggers write every request's URL, and a Bot Connector URL carries the
        // conversation id. Retries are still logged (status codes only) by the resilience handler.
        var sdkClient = services.AddHttpClient(Options.DefaultName).RemoveAllLoggers();

        // Handlers wrap in the order they are added: the retries outside, the pace inside.
        sdkClient.AddResilienceHandler("channel-limits", (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<OutboundOptions>>().Value;
            pipeline.AddTimeout(ChannelRetry.GiveUpAfter);
            if (options.MaxRetries > 0)
            {
                pipeline.AddRetry(ChannelRetry.Strategy(options.MaxRetries));
            }
        });
        sdkClient.AddHttpMessageHandler(sp => new ChannelPacingHandler(sp.GetRequiredService<ChannelPace>()));
        return services;
    }
}
