using System.Data.Common;
using PledgeBot.Storage;

namespace PledgeBot.Tests.Support;

/// <summary>
/// One of the databases the store tests run against (SQLite, PostgreSQL), fresh for each test, so
/// that a store's behaviour is written once and checked on both.
/// </summary>
public abstract class DatabaseUnderTest : IAsyncDisposable
{
    public abstract IVoteStore VoteStore(TimeProvider clock);

    /// <summary>The same data through a database opened afresh, as a restarted bot (or another instance) opens it.</summary>
    public abstract IVoteStore ReopenedVoteStore(TimeProvider clock);

    /// <summary>Runs <paramref name="work"/> through the database's group-commit writer, as the stores write.</summary>
    public abstract Task WriteAsync(Func<DbConnection, CancellationToken, Task> work);

    /// <summary>Transactions the writer committed so far.</summary>
    public abstract long WriterCommits { get; }

    /// <summary>Closes the database as a host shutting down does: the writer finishes what is queued.</summary>
    public abstract ValueTask CloseAsync();

    /// <summary>A plain connection, for checking or changing rows behind the stores' backs (parameters as <c>@name</c>).</summary>
    public abstract Task<DbConnection> OpenRawConnectionAsync();

    public abstract ValueTask DisposeAsync();

    public async Task<long> CountAsync(string sql)
    {
        await using var connection = await OpenRawConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public abstract IBotStateStorage BotStateStorage(TimeProvider clock);

    /// <summary>The bot state through a database opened afresh: a restarted bot, or another instance.</summary>
    public abstract IBotStateStorage ReopenedBotStateStorage(TimeProvider clock);

    public abstract IStaleStateCleanup StaleStateCleanup();

    public abstract IAdminAuditLog AdminAuditLog(TimeProvider clock);

    public abstract IFailedSignInLog FailedSignInLog(TimeProvider clock);

    public abstract IFunnelStore FunnelStore();

    public abstract IReferralStore ReferralStore(TimeProvider clock);

    /// <summary>Referrals through a database opened afresh: a restarted bot, or another instance.</summary>
    public abstract IReferralStore ReopenedReferralStore(TimeProvider clock);

    public abstract IVotingControls VotingControls();

    /// <summary>The voting controls through a database opened afresh: a restarted bot, or another instance.</summary>
    public abstract IVotingControls ReopenedVotingControls();

    public abstract ILanguageChoices LanguageChoices();

    /// <summary>The language choices through a database opened afresh: a restarted bot, or another instance.</summary>
    public abstract ILanguageChoices ReopenedLanguageChoices();

    public abstract IFollowUps FollowUps(PersonalDataProtector protector);

    public abstract IFollowUpQueue FollowUpQueue(PersonalDataProtector protector);

    /// <summary>The follow-ups through a database opened afresh: a restarted bot, or another instance.</summary>
    public abstract IFollowUps ReopenedFollowUps(PersonalDataProtector protector);

    public abstract IContentVersions ContentVersions();

    /// <summary>The content versions through a database opened afresh: a restarted bot, or another instance.</summary>
    public abstract IContentVersions ReopenedContentVersions();

    /// <summary>The pledges, writing their consent records, confirmation emails and CRM outbox records.</summary>
    public abstract IPledgeStore PledgeStore(PersonalDataProtector protector, TimeProvider clock);

    /// <inheritdoc cref="ReopenedVoteStore"/>
    public abstract IPledgeStore ReopenedPledgeStore(PersonalDataProtector protector, TimeProvider clock);

    public abstract IConfirmationEmailQueue ConfirmationEmailQueue(PersonalDataProtector protector);

    public abstract IPersonalDataStore PersonalDataStore(PersonalDataProtector protector, TimeProvider clock);

    public abstract IConsentStatements ConsentStatements(TimeProvider clock);

    public abstract ICrmDeliveries CrmDeliveries(PersonalDataProtector protector);

    public abstract IRetentionStore RetentionStore(TimeProvider clock);

    public abstract IExportStore ExportStore(PersonalDataProtector protector);
}
