using Microsoft.Bot.Builder;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace PledgeBot.Storage;

public static class StorageSetup
{
    public const string DatabaseFileName = "pledgebot.db";

    /// <summary>
    /// Votes, pledges, consent, conversation state and everything else the bot keeps: on the
    /// embedded SQLite database, or on PostgreSQL when <c>Storage:PostgresConnectionString</c> is set
    /// (several instances on one database). The same stores' rules on both.
    /// </summary>
    public static IServiceCollection AddCampaignStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ConfirmationEmailSignal>();
        services.AddSingleton<CrmOutboxSignal>();
        if (configuration.GetSection(StorageOptions.Section).Get<StorageOptions>()?.PostgresConnectionString is { Length: > 0 } postgres)
        {
            services.AddPostgresStores(postgres);
        }
        else
        {
            services.AddSqliteStores();
        }

        services.AddSingleton<IStorage>(sp => sp.GetRequiredService<IBotStateStorage>());
        services.AddSingleton<ConversationState>();
        services.AddHostedService<ConversationStateSweeper>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }

    public static string DataDirectory(IServiceProvider services)
    {
        var configured = services.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectory;
        var root = services.GetRequiredService<IHostEnvironment>().ContentRootPath;
        return Path.GetFullPath(configured, root);
    }

    private sealed class DatabaseHealthCheck(IDatabaseHealth database, TimeProvider clock) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            await database.CanWriteAsync(clock, cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The database cannot be written.");
    }
}
