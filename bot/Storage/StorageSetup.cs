using Microsoft.Bot.Builder;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PledgeBot.Dialogs.Results;
using PledgeBot.Storage.Sqlite;

namespace PledgeBot.Storage;

public static class StorageSetup
{
    public const string DatabaseFileName = "pledgebot.db";

    /// <summary>The embedded SQLite database for votes, pledges and the bot's conversation state.</summary>
    public static IServiceCollection AddCampaignStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new SqliteDatabase(Path.Combine(DataDirectory(sp), DatabaseFileName)));
        services.AddSingleton<IDatabaseHealth>(sp => sp.GetRequiredService<SqliteDatabase>());
        services.AddSingleton<IVoteStore, SqliteVoteStore>();
        services.AddSingleton<ConfirmationEmailSignal>();
        services.AddSingleton<CrmOutboxSignal>();
        services.AddSingleton<SqlitePledgeStore>();
        services.AddSingleton<SqliteConfirmationEmailStore>();
        services.AddSingleton<IPledgeStore>(sp => sp.GetRequiredService<SqlitePledgeStore>());
        services.AddSingleton<IConsentStatements, SqliteConsentStatements>();
        services.AddSingleton<IPersonalDataStore, SqlitePersonalDataStore>();
        services.AddSingleton<SqliteBotStateStorage>();
        services.AddSingleton<IStorage>(sp => sp.GetRequiredService<SqliteBotStateStorage>());
        services.AddHostedService<ConversationStateSweeper>();
        services.AddSingleton<SqliteStaleStateCleanup>();
        services.AddSingleton<IRetentionStore, SqliteRetentionStore>();
        services.AddSingleton<IAdminAuditLog, SqliteAdminAuditLog>();
        services.AddSingleton<SqliteVotingControls>();
        // Read by every turn that draws a live card: kept for a second, forgotten when an admin changes them here.
        services.AddSingleton<IVotingControls>(sp => new RecentVotingControls(sp.GetRequiredService<SqliteVotingControls>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IContentVersions, SqliteContentVersions>();
        services.AddSingleton<IFailedSignInLog, SqliteFailedSignInLog>();
        services.AddSingleton<IExportStore, SqliteExportStore>();
        services.AddSingleton<ConversationState>();
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
