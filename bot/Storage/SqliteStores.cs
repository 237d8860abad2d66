using PledgeBot.Dialogs.Results;
using PledgeBot.Storage.Sqlite;

namespace PledgeBot.Storage;

public static class SqliteStores
{
    /// <summary>Every store on the embedded SQLite file <c>pledgebot.db</c> in the data folder: one instance of the bot.</summary>
    public static IServiceCollection AddSqliteStores(this IServiceCollection services)
    {
        services.AddSingleton(sp => new SqliteDatabase(Path.Combine(StorageSetup.DataDirectory(sp), StorageSetup.DatabaseFileName)));
        services.AddSingleton<IDatabaseHealth>(sp => sp.GetRequiredService<SqliteDatabase>());
        services.AddSingleton<IExclusiveLeases, SqliteExclusiveLeases>();
        services.AddSingleton<IVoteStore, SqliteVoteStore>();
        services.AddSingleton<SqlitePledgeStore>();
        services.AddSingleton<IPledgeStore>(sp => sp.GetRequiredService<SqlitePledgeStore>());
        // Files from before encryption at rest may hold plain names and emails; a PostgreSQL database never did.
        services.AddSingleton<IPlainPledgeRows>(sp => sp.GetRequiredService<SqlitePledgeStore>());
        services.AddSingleton<IConfirmationEmailQueue, SqliteConfirmationEmailStore>();
        services.AddSingleton<IConsentStatements, SqliteConsentStatements>();
        services.AddSingleton<IPersonalDataStore, SqlitePersonalDataStore>();
        services.AddSingleton<IBotStateStorage, SqliteBotStateStorage>();
        services.AddSingleton<IStaleStateCleanup, SqliteStaleStateCleanup>();
        services.AddSingleton<IRetentionStore, SqliteRetentionStore>();
        services.AddSingleton<IAdminAuditLog, SqliteAdminAuditLog>();
        services.AddSingleton<IVotingControls>(sp => new RecentVotingControls(ActivatorUtilities.CreateInstance<SqliteVotingControls>(sp), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IContentVersions, SqliteContentVersions>();
        services.AddSingleton<IFailedSignInLog, SqliteFailedSignInLog>();
        services.AddSingleton<IReferralStore, SqliteReferralStore>();
        services.AddSingleton<IFunnelStore, SqliteFunnelStore>();
        services.AddSingleton<ILanguageChoices, SqliteLanguageChoices>();
        services.AddSingleton<IFollowUps, SqliteFollowUps>();
        services.AddSingleton<IFollowUpQueue, SqliteFollowUpQueue>();
        services.AddSingleton<IExportStore, SqliteExportStore>();
        services.AddSingleton<ICrmDeliveries, SqliteCrmDeliveries>();
        return services;
    }
}
