using PledgeBot.Dialogs.Results;
using PledgeBot.Storage.Postgres;

namespace PledgeBot.Storage;

public static class PostgresStores
{
    /// <summary>
    /// Every store on one PostgreSQL database, which any number of instances of the bot share. The
    /// data folder still holds what every instance must have the same of: the keys that encrypt
    /// names and emails, and the server secret (or <c>Privacy:PersonKeySecret</c>).
    /// </summary>
    public static IServiceCollection AddPostgresStores(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(_ => new PostgresDatabase(connectionString));
        services.AddSingleton<IDatabaseHealth>(sp => sp.GetRequiredService<PostgresDatabase>());
        services.AddSingleton<IExclusiveLeases, PostgresExclusiveLeases>();
        services.AddSingleton<IVoteStore, PostgresVoteStore>();
        services.AddSingleton<IPledgeStore, PostgresPledgeStore>();
        services.AddSingleton<IConfirmationEmailQueue, PostgresConfirmationEmailStore>();
        services.AddSingleton<IConsentStatements, PostgresConsentStatements>();
        services.AddSingleton<IPersonalDataStore, PostgresPersonalDataStore>();
        services.AddSingleton<IBotStateStorage, PostgresBotStateStorage>();
        services.AddSingleton<IStaleStateCleanup, PostgresStaleStateCleanup>();
        services.AddSingleton<IRetentionStore, PostgresRetentionStore>();
        services.AddSingleton<IAdminAuditLog, PostgresAdminAuditLog>();
        services.AddSingleton<IVotingControls>(sp => new RecentVotingControls(ActivatorUtilities.CreateInstance<PostgresVotingControls>(sp), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IContentVersions, PostgresContentVersions>();
        services.AddSingleton<IFailedSignInLog, PostgresFailedSignInLog>();
        services.AddSingleton<IReferralStore, PostgresReferralStore>();
        services.AddSingleton<IFunnelStore, PostgresFunnelStore>();
        services.AddSingleton<ILanguageChoices, PostgresLanguageChoices>();
        services.AddSingleton<IFollowUps, PostgresFollowUps>();
        services.AddSingleton<IFollowUpQueue, PostgresFollowUpQueue>();
        services.AddSingleton<IExportStore, PostgresExportStore>();
        services.AddSingleton<ICrmDeliveries, PostgresCrmDeliveries>();
        return services;
    }
}
