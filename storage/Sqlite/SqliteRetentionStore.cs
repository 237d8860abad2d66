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
    // The double opt-in's queue of confirmation emails.
    private const string QueuedEmailsTable = "confirmation_emails";
    private const string QueuedEmailsPledgeColumn = "pledge_record_id";

    private const string PledgesWithPersonalData = "SELECT record_id FROM pledges WHERE campaign_id = $campaign AND retained_at IS NULL";

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
        // The funnel's rows stay, so its counts do; the person keys in them go, as in the votes.
        // Not part of the report: a person's funnel steps are not a vote or a pledge to account for.
        await ExecuteAsync(
            connection,
            $"UPDATE funnel_steps SET person_key = {RandomKey}, retained_at = $now WHERE campaign_id = $campaign AND retained_at IS NULL",
            campaignId,
            now,
            cancellationToken);
        if (report.NothingFound)
        {
            await transaction.CommitAsync(cancellationToken);
            return report;
        }

        await ExecuteAsync(
            connection,
            $"DELETE FROM {QueuedEmailsTable} WHERE {QueuedEmailsPledgeColumn} IN ({PledgesWithPersonalData})",
            campaignId,
            now,
            cancellationToken);

        // Consent records name the person key, the channel and the exact time of the yes: the
        // proof of consent is only needed while the personal data it covers exists.
        await ExecuteAsync(connection, $"DELETE FROM consent_records WHERE pledge_record_id IN ({PledgesWithPersonalData})", campaignId, now, cancellationToken);
        await ExecuteAsync(
            connection,
            $"""
            UPDATE pledges
            SET first_name = '', email = '',
                person_key = {RandomKey}, email_key = {RandomKey}, record_id = {RandomKey}, consent_record_id = NULL,
                consented_at = {DayOf("consented_at")}, confirmed_at = {DayOf("confirmed_at")},
                contact_withdrawn_at = {DayOf("contact_withdrawn_at")}, retained_at = $now
            WHERE campaign_id = $campaign AND retained_at IS NULL
            """,
            campaignId,
            now,
            cancellationToken);
        // A vote's person key is a keyed hash: pseudonymous, so still personal data while the
        // secret exists. The cause stays, so the tallies do.
        await ExecuteAsync(
            connection,
            $"""
            UPDATE votes SET person_key = {RandomKey}, voted_at = {DayOf("voted_at")}, retained_at = $now
            WHERE campaign_id = $campaign AND retained_at IS NULL
            """,
            campaignId,
            now,
            cancellationToken);
        await using (var log = connection.CreateCommand())
        {
            // The audit line, as for every erasure: when, from where, how much.
            log.CommandText = """
                INSERT INTO erasures (erased_at, source, votes, pledges, consent_records) VALUES ($at, $source, $votes, $pledges, $consents)
                """;
            log.Parameters.AddWithValue("$at", now);
            log.Parameters.AddWithValue("$source", IRetentionStore.Source);
            log.Parameters.AddWithValue("$votes", report.Votes);
            log.Parameters.AddWithValue("$pledges", report.PledgeCount);
            log.Parameters.AddWithValue("$consents", report.ConsentRecordCount);
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

    // Evaluated once per row, so every row gets its own value; shaped like the record ids.
    private const string RandomKey = "lower(hex(randomblob(16)))";

    /// <summary>The stored instant cut to midnight UTC of its day (instants are stored as ISO 8601 UTC).</summary>
    private static string DayOf(string column) => $"CASE WHEN {column} IS NULL THEN NULL ELSE substr({column}, 1, 10) || 'T00:00:00.0000000+00:00' END";

    private static async Task<RetentionReport> CountAsync(SqliteConnection connection, string campaignId, CancellationToken cancellationToken)
    {
        var pledges = await CountByPledgeAsync(
            connection, "SELECT pledge_id, count(*) FROM pledges WHERE campaign_id = $campaign AND retained_at IS NULL GROUP BY pledge_id", campaignId, cancellationToken);
        var consents = await CountByPledgeAsync(connection, CountLinkedRowsSql("consent_records", "pledge_record_id"), campaignId, cancellationToken);
        var emails = await CountByPledgeAsync(connection, CountLinkedRowsSql(QueuedEmailsTable, QueuedEmailsPledgeColumn), campaignId, cancellationToken);
        var perPledge = pledges.Keys.Union(consents.Keys).Union(emails.Keys)
            .Order(StringComparer.Ordinal)
            .Select(id => new PledgeRetention(id, pledges.GetValueOrDefault(id), consents.GetValueOrDefault(id), emails.GetValueOrDefault(id)))
            .ToList();

        await using var votes = connection.CreateCommand();
        votes.CommandText = "SELECT count(*) FROM votes WHERE campaign_id = $campaign AND retained_at IS NULL";
        votes.Parameters.AddWithValue("$campaign", campaignId);
        var voteCount = Convert.ToInt32(await votes.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        return new RetentionReport(perPledge, voteCount);
    }

    private static string CountLinkedRowsSql(string table, string pledgeColumn) => $"""
        SELECT p.pledge_id, count(*) FROM {table} t JOIN pledges p ON p.record_id = t.{pledgeColumn}
        WHERE p.campaign_id = $campaign AND p.retained_at IS NULL GROUP BY p.pledge_id
        """;

    private static async Task<Dictionary<string, int>> CountByPledgeAsync(
        SqliteConnection connection, string sql, string campaignId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$campaign", campaignId);
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
        command.Parameters.AddWithValue("$campaign", campaignId);
        command.Parameters.AddWithValue("$now", now);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
