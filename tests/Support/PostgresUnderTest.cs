using System.Data.Common;
using Npgsql;
using PledgeBot.Storage;
using PledgeBot.Storage.Postgres;

namespace PledgeBot.Tests.Support;

/// <summary>A fresh database on the test run's PostgreSQL server (<see cref="PostgresServer"/>), dropped afterwards.</summary>
public sealed class PostgresUnderTest : DatabaseUnderTest
{
    private readonly List<PostgresDatabase> opened = [];

    private PostgresUnderTest(string connectionString)
    {
        ConnectionString = connectionString;
        Database = Open();
    }

    public string ConnectionString { get; }

    public PostgresDatabase Database { get; }

    public static async Task<PostgresUnderTest> CreateAsync() => new(await PostgresServer.CreateDatabaseAsync());

    /// <summary>Another <see cref="PostgresDatabase"/> on the same database, with a pool and a writer of its own: another instance of the bot.</summary>
    public PostgresDatabase Open()
    {
        var database = new PostgresDatabase(ConnectionString);
        lock (opened)
        {
            opened.Add(database);
        }

        return database;
    }

    public override IVoteStore VoteStore(TimeProvider clock) => new PostgresVoteStore(Database, clock);

    public override IVoteStore ReopenedVoteStore(TimeProvider clock) => new PostgresVoteStore(Open(), clock);

    public override Task WriteAsync(Func<DbConnection, CancellationToken, Task> work) => Database.WriteAsync(work);

    public override long WriterCommits => Database.WriterCommits;

    public override ValueTask CloseAsync() => Database.DisposeAsync();

    public override async Task<DbConnection> OpenRawConnectionAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var database in opened)
        {
            await database.DisposeAsync();
        }

        await PostgresServer.DropDatabaseAsync(ConnectionString);
    }

    public override IBotStateStorage BotStateStorage(TimeProvider clock) => new PostgresBotStateStorage(Database, clock);

    public override IBotStateStorage ReopenedBotStateStorage(TimeProvider clock) => new PostgresBotStateStorage(Open(), clock);

    public override IStaleStateCleanup StaleStateCleanup() => new PostgresStaleStateCleanup(Database);

    public override IAdminAuditLog AdminAuditLog(TimeProvider clock) => new PostgresAdminAuditLog(Database, clock);

    public override IFailedSignInLog FailedSignInLog(TimeProvider clock) => new PostgresFailedSignInLog(Database, clock);

    public override IFunnelStore FunnelStore() => new PostgresFunnelStore(Database);

    public override IReferralStore ReferralStore(TimeProvider clock) => new PostgresReferralStore(Database, clock);

    public override IReferralStore ReopenedReferralStore(TimeProvider clock) => new PostgresReferralStore(Open(), clock);

    public override IVotingControls VotingControls() => new PostgresVotingControls(Database);

    public override IVotingControls ReopenedVotingControls() => new PostgresVotingControls(Open());

    public override ILanguageChoices LanguageChoices() => new PostgresLanguageChoices(Database);

    public override ILanguageChoices ReopenedLanguageChoices() => new PostgresLanguageChoices(Open());

    public override IFollowUps FollowUps(PersonalDataProtector protector) => new PostgresFollowUps(Database, protector);

    public override IFollowUpQueue FollowUpQueue(PersonalDataProtector protector) => new PostgresFollowUpQueue(Database, protector);

    public override IFollowUps ReopenedFollowUps(PersonalDataProtector protector) => new PostgresFollowUps(Open(), protector);

    public override IContentVersions ContentVersions() => new PostgresContentVersions(Database);

    public override IContentVersions ReopenedContentVersions() => new PostgresContentVersions(Open());

    public override IPledgeStore PledgeStore(PersonalDataProtector protector, TimeProvider clock) => new PostgresPledgeStore(Database, protector, clock);

    public override IPledgeStore ReopenedPledgeStore(PersonalDataProtector protector, TimeProvider clock) => new PostgresPledgeStore(Open(), protector, clock);

    public override IConfirmationEmailQueue ConfirmationEmailQueue(PersonalDataProtector protector) => new PostgresConfirmationEmailStore(Database, protector);

    public override IPersonalDataStore PersonalDataStore(PersonalDataProtector protector, TimeProvider clock) => new PostgresPersonalDataStore(Database, protector, clock, []);

    public override IConsentStatements ConsentStatements(TimeProvider clock) => new PostgresConsentStatements(Database, clock);

    public override ICrmDeliveries CrmDeliveries(PersonalDataProtector protector) => new PostgresCrmDeliveries(Database, protector);

    public override IRetentionStore RetentionStore(TimeProvider clock) => new PostgresRetentionStore(Database, clock, []);

    public override IExportStore ExportStore(PersonalDataProtector protector) => new PostgresExportStore(Database, protector);
}
