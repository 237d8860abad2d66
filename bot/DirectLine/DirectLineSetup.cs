using Microsoft.Extensions.Options;
using PledgeBot.Privacy;
using PledgeBot.Security;
using PledgeBot.Storage.Postgres;

namespace PledgeBot.DirectLine;

public static class DirectLineSetup
{
    /// <summary>The chat page's token endpoint, Azure's Direct Line or the built-in one.</summary>
    public static IServiceCollection AddDirectLine(this IServiceCollection services)
    {
        services.AddOptions<DirectLineOptions>().BindConfiguration(DirectLineOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<DirectLineOptions>>().Value);
        services.AddSingleton(sp => new DirectLineTokens(
            sp.GetRequiredService<ServerSecret>().DeriveKey("directline-tokens"),
            sp.GetRequiredService<TimeProvider>(),
            TimeSpan.FromMinutes(sp.GetRequiredService<DirectLineOptions>().TokenLifetimeMinutes)));
        services.AddSingleton(sp => new WebChatUserCookie(sp.GetRequiredService<ServerSecret>().DeriveKey("webchat-user-cookie")));
        // In the PostgreSQL database when the bot uses one, so that a chat's posts and polls may
        // reach any instance; otherwise in this instance's memory.
        services.AddSingleton<DirectLineConversations>();
        services.AddSingleton<IDirectLineConversations>(sp => sp.GetService<PostgresDatabase>() is { } database
            ? new PostgresDirectLineConversations(database, sp.GetRequiredService<DirectLineOptions>(), sp.GetRequiredService<TimeProvider>())
            : sp.GetRequiredService<DirectLineConversations>());
        services.AddSingleton<DirectLineConnector>();
        services.AddHostedService<IdleConversationSweeper>();
        services.AddHttpClient<AzureDirectLineTokenExchange>();

        // With Azure's Direct Line the browser talks to Azure, so the page's CSP must allow it.
        services.AddOptions<SecurityHeadersOptions>().Configure<IOptions<DirectLineOptions>>(
            (headers, directLine) => headers.AllowAzureDirectLine = directLine.Value.UsesAzure);
        return services;
    }

    public static WebApplication MapDirectLine(this WebApplication app)
    {
        app.MapChatToken();
        if (app.Services.GetRequiredService<DirectLineOptions>().BuiltInEnabled)
        {
            app.MapBuiltInDirectLine();
        }

        return app;
    }
}
