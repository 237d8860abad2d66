using System.Data.Common;
using PledgeBot.Storage;
using PledgeBot.Storage.Sqlite;

namespace PledgeBot.Tests.Support;

/// <summary>A SQLite file in a temp folder (<see cref="TempDatabase"/>).</summary>
public sealed class SqliteUnderTest : DatabaseUnderTest
{
    public TempDatabase Temp { get; } = new();

    public override IVoteStore VoteStore(TimeProvider clock) => new SqliteVoteStore(Temp.Database, clock);

    public override IVoteStore ReopenedVoteStore(TimeProvider clock) => new SqliteVoteStore(Temp.Reopen(), clock);

    public override Task WriteAsync(Func<DbConnection, CancellationToken, Task> work) => Temp.Database.WriteAsync(work);

    public override long WriterCommits => Temp.Database.WriterCommits;

    public override ValueTask CloseAsync() => Temp.Database.DisposeAsync();

    public override Task<DbConnection> OpenRawConnectionAsync() => Task.FromResult<DbConnection>(Temp.OpenRawConnection());

    public override ValueTask DisposeAsync()
    {
        Temp.Dispose();
        return ValueTask.CompletedTask;
    }

    public override IBotStateStorage BotStateStorage(TimeProvider clock) => new SqliteBotStateStorage(Temp.Database, clock);

    public override IBotStateStorage ReopenedBotStateStorage(TimeProvider clock) => new SqliteBotStateStorage(Temp.Reopen(), clock);

    public override IStaleStateCleanup StaleStateCleanup() => new SqliteStaleStateCleanup(Temp.Database);

    public override IAdminAuditLog AdminAuditLog(TimeProvider clock) => new SqliteAdminAuditLog(Temp.Database, clock);

    public override IFailedSignInLog FailedSignInLog(TimeProvider clock) => new SqliteFailedSignInLog(Temp.Database, clock);

    public override IFunnelStore FunnelStore() => new SqliteFunnelStore(Temp.Database);

    public override IReferralStore ReferralStore(TimeProvider clock) => new SqliteReferralStore(Temp.Database, clock);

    public override IReferralStore ReopenedReferralStore(TimeProvider clock) => new SqliteReferralStore(Temp.Reopen(), clock);

    public override IVotingControls VotingControls() => new SqliteVotingControls(Temp.Database);

    public override IVotingControls ReopenedVotingControls() => new SqliteVotingControls(Temp.Reopen());

    public override ILanguageChoices LanguageChoices() => new SqliteLanguageChoices(Temp.Database);

    public override ILanguageChoices ReopenedLanguageChoices() => new SqliteLanguageChoices(Temp.Reopen());

    public override IFollowUps FollowUps(PersonalDataProtector protector) => new SqliteFollowUps(Temp.Database, protector);

    public override IFollowUpQueue FollowUpQueue(PersonalDataProtector protector) => new SqliteFollowUpQueue(Temp.Database, protector);

    public override IFollowUps ReopenedFollowUps(PersonalDataProtector protector) => new SqliteFollowUps(Temp.Reopen(), protector);

    public override IContentVersions ContentVersions() => new SqliteContentVersions(Temp.Database);

    public override IContentVersions ReopenedContentVersions() => new SqliteContentVersions(Temp.Reopen());

    public override IPledgeStore PledgeStore(PersonalDataProtector protector, TimeProvider clock) => new SqlitePledgeStore(Temp.Database, protector, clock);

    public override IPledgeStore ReopenedPledgeStore(PersonalDataProtector protector, TimeProvider clock) => new SqlitePledgeStore(Temp.Reopen(), protector, clock);

    public override IConfirmationEmailQueue ConfirmationEmailQueue(PersonalDataProtector protector) => new SqliteConfirmationEmailStore(Temp.Database, protector);

    public override IPersonalDataStore PersonalDataStore(PersonalDataProtector protector, TimeProvider clock) => new SqlitePersonalDataStore(Temp.Database, protector, clock, []);

    public override IConsentStatements ConsentStatements(TimeProvider clock) => new SqliteConsentStatements(Temp.Database, clock);

    public override ICrmDeliveries CrmDeliveries(PersonalDataProtector protector) => new SqliteCrmDeliveries(Temp.Database, protector);

    public override IRetentionStore RetentionStore(TimeProvider clock) => new SqliteRetentionStore(Temp.Database, clock, []);

    public override IExportStore ExportStore(PersonalDataProtector protector) => new SqliteExportStore(Temp.Database, protector);
}
