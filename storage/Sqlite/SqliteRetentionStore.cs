using System.Globalization;
using Microsoft.Data.Sqlite;

namespace PledgeBot.Storage.Sqlite;

/// <summary>
/// Data retention on the SQLite file. Pledge and vote rows are kept, so that the counts (which
/// count rows) do not move, but nothing in them can name or be linked to a person any more: names
/// and emails are emptied, every key that came from a person or was handed out (the record id can
/// sit in a CRM or a link) is replaced by a random value, and times are cut to the day.
/// </summary>
public sealed class SqliteRetentionStore(SqliteDatabase database, TimeProvider clock, IEnumerable<ISentEmailCopies> emailCopies) : IRetentionStore
{
    // Evaluated once per row, so every row gets its own value; shaped like the record ids. Instants
    // are stored as ISO 8601 UTC, so the first ten characters are the day.
    private static readonly RetentionStatements Statements = new(
        "lower(hex(randomblob(16)))",
        column => $"CASE WHEN {column} IS NULL THEN NULL ELSE substr({column}, 1, 10) || 'T00:00:00.0000000+00:00' END");

    public async Task<RetentionReport> PreviewAsync(string campaignId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await CountAsync(connection, campaignId, cancellationToken);
    }

    public async Task<RetentionReport> ApplyAsync(string campaignId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var report = await CountAsync(connection, campaignId, cancellationToken);
        var now = SqliteDatabase.Instant(clock.GetUtcNow());
        // Not part of the report, as the funnel steps: a language choice is not a vote or a pledge to account for.
        await ExecuteAsync(connection, RetentionStatements.DeleteLanguageChoices, campaignId, now, cancellationToken);
        // Not part of the report either: the follow-ups, and how to reach their people, end with the campaign's personal data.
        await ExecuteAsync(connection, FollowUpQueueStatements.EraseDeliveriesForCampaign, campaignId, now, cancellationToken);
        await ExecuteAsync(connection, FollowUpStatements.EraseForCampaign, campaignId, now, cancellationToken);
        await ExecuteAsync(connection, FollowUpStatements.EraseConsentsForCampaign, campaignId, now, cancellationToken);
        // Not part of the report: a person's funnel steps are not a vote or a pledge to account for.
        await ExecuteAsync(connection, Statements.AnonymiseFunnelSteps, campaignId, now, cancellationToken);
        if (report.NothingFound)
        {
            await transaction.CommitAsync(cancellationToken);
            return report;
        }

        await ExecuteAsync(connection, RetentionStatements.DeleteQueuedEmails, campaignId, now, cancellationToken);
        await ExecuteAsync(connection, RetentionStatements.DeleteConsentRecords, campaignId, now, cancellationToken);
        await ExecuteAsync(connection, Statements.AnonymisePledges, campaignId, now, cancellationToken);
        await ExecuteAsync(connection, Statements.AnonymiseVotes, campaignId, now, cancellationToken);
        await using (var log = connection.CreateCommand())
        {
            log.CommandText = RetentionStatements.LogErasure;
            log.Parameters.AddWithValue("@at", now);
            log.Parameters.AddWithValue("@source", IRetentionStore.Source);
            log.Parameters.AddWithValue("@votes", report.Votes);
            log.Parameters.AddWithValue("@pledges", report.PledgeCount);
            log.Parameters.AddWithValue("@consents", report.ConsentRecordCount);
            await log.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        // Copies of the confirmation emails (the .eml outbox) name the people too.
        foreach (var copies in emailCopies)
        {
            await copies.ForgetAllAsync(cancellationToken);
        }

        return report;
    }

    private static async Task<RetentionReport> CountAsync(SqliteConnection connection, string campaignId, CancellationToken cancellationToken)
    {
        var pledges = await CountByPledgeAsync(connection, RetentionStatements.CountPledges, campaignId, cancellationToken);
        var consents = await CountByPledgeAsync(connection, RetentionStatements.CountConsentRecords, campaignId, cancellationToken);
        var emails = await CountByPledgeAsync(connection, RetentionStatements.CountQueuedEmails, campaignId, cancellationToken);
        await using var votes = connection.CreateCommand();
        votes.CommandText = RetentionStatements.CountVotes;
        votes.Parameters.AddWithValue("@campaign", campaignId);
        var voteCount = Convert.ToInt32(await votes.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        return RetentionStatements.Report(pledges, consents, emails, voteCount);
    }

    private static async Task<Dictionary<string, int>> CountByPledgeAsync(
        SqliteConnection connection, string sql, string campaignId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("@campaign", campaignId);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetString(0)] = reader.GetInt32(1);
        }

        return counts;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, string campaignId, string now, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("@campaign", campaignId);
        command.Parameters.AddWithValue("@now", now);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
