using Npgsql;

namespace PledgeBot.Storage.Postgres;

/// <summary>
/// Data retention on PostgreSQL, with the rules of <c>SqliteRetentionStore</c>: pledge and vote
/// rows stay (the counts count rows) but names and emails are emptied, every key that came from a
/// person or was handed out is replaced by a random value, and times are cut to the UTC day.
/// Every instance runs the daily round: a round takes a lock per campaign, waited for, so a second
/// round at the same moment runs after the first has committed and finds nothing left.
/// </summary>
public sealed class PostgresRetentionStore(PostgresDatabase database, TimeProvider clock, IEnumerable<ISentEmailCopies> emailCopies) : IRetentionStore
{
    // A two-number advisory key ("Reta", the campaign), apart from the other stores' keys.
    private const int CampaignLockSpace = 0x52657461;

    private const string PledgesWithPersonalData = "SELECT record_id FROM pledges WHERE campaign_id = @campaign AND retained_at IS NULL";

    // Evaluated once per row, so every row gets its own value: 32 hex digits, shaped like the record
    // ids. gen_random_uuid draws from the server's strong random source.
    private const string RandomKey = "replace(gen_random_uuid()::text, '-', '')";

    public async Task<RetentionReport> PreviewAsync(string campaignId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenForReadingAsync(cancellationToken);
        // One snapshot, so the pledges, records and votes counted are one moment's.
        await using var snapshot = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        return await CountAsync(connection, campaignId, cancellationToken);
    }

    public async Task<RetentionReport> ApplyAsync(string campaignId, CancellationToken cancellationToken = default)
    {
        var report = await database.WriteAsync((connection, token) => ApplyAsync(connection, campaignId, token), cancellationToken);
        if (!report.NothingFound)
        {
            // Copies of the confirmation emails (the .eml outbox) name the people too.
            foreach (var copies in emailCopies)
            {
                await copies.ForgetAllAsync(cancellationToken);
            }
        }

        return report;
    }

    private async Task<RetentionReport> ApplyAsync(NpgsqlConnection connection, string campaignId, CancellationToken cancellationToken)
    {
        await using (var campaignLock = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@space, hashtext(@campaign))", connection))
        {
            campaignLock.Parameters.AddWithValue("space", CampaignLockSpace);
            campaignLock.Parameters.AddWithValue("campaign", campaignId);
            await campaignLock.ExecuteNonQueryAsync(cancellationToken);
        }

        var now = clock.GetUtcNow().ToUniversalTime();
        // The funnel's rows stay, so its counts do; the person keys in them go, as in the votes.
        // Not part of the report: a person's funnel steps are not a vote or a pledge to account for.
        await ExecuteAsync(
            connection,
            $"UPDATE funnel_steps SET person_key = {RandomKey}, retained_at = @now WHERE campaign_id = @campaign AND retained_at IS NULL",
            campaignId,
            now,
            cancellationToken);
        // Counted after the campaign's lock: each statement here sees what committed before it
        // began, so a round that waited for another's finds what that one left, which is nothing.
        var found = await CountAsync(connection, campaignId, cancellationToken);
        if (found.NothingFound)
        {
            return found;
        }

        // As an erasure does, hold pledges on every instance off until the commit: a pledge committed
        // between the statements below would keep its name but lose its consent record. Taken only
        // when there is something to take, so the daily round that finds nothing holds no pledge up.
        await PledgeChangeLock.TakeExclusiveAsync(connection, cancellationToken);
        var report = await CountAsync(connection, campaignId, cancellationToken);

        await ExecuteAsync(
            connection,
            $"DELETE FROM confirmation_emails WHERE pledge_record_id IN ({PledgesWithPersonalData})",
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
                contact_withdrawn_at = {DayOf("contact_withdrawn_at")}, retained_at = @now
            WHERE campaign_id = @campaign AND retained_at IS NULL
            """,
            campaignId,
            now,
            cancellationToken);
        // A vote's person key is a keyed hash: pseudonymous, so still personal data while the
        // secret exists. The cause stays, so the tallies do. Votes do not wait for the pledge lock,
        // so the report counts the votes this statement took, not those counted a moment before.
        var votes = await ExecuteAsync(
            connection,
            $"""
            UPDATE votes SET person_key = {RandomKey}, voted_at = {DayOf("voted_at")}, retained_at = @now
            WHERE campaign_id = @campaign AND retained_at IS NULL
            """,
            campaignId,
            now,
            cancellationToken);
        report = report with { Votes = votes };

        // The audit line, as for every erasure: when, from where, how much.
        await using (var log = new NpgsqlCommand(
            "INSERT INTO erasures (erased_at, source, votes, pledges, consent_records) VALUES (@at, @source, @votes, @pledges, @consents)", connection))
        {
            log.Parameters.AddWithValue("at", now);
            log.Parameters.AddWithValue("source", IRetentionStore.Source);
            log.Parameters.AddWithValue("votes", report.Votes);
            log.Parameters.AddWithValue("pledges", report.PledgeCount);
            log.Parameters.AddWithValue("consents", report.ConsentRecordCount);
            await log.ExecuteNonQueryAsync(cancellationToken);
        }

        return report;
    }

    /// <summary>The stored instant cut to midnight UTC of its day (null stays null).</summary>
    private static string DayOf(string column) => $"date_trunc('day', {column}, 'UTC')";

    private static async Task<RetentionReport> CountAsync(NpgsqlConnection connection, string campaignId, CancellationToken cancellationToken)
    {
        var pledges = await CountByPledgeAsync(
            connection, "SELECT pledge_id, count(*) FROM pledges WHERE campaign_id = @campaign AND retained_at IS NULL GROUP BY pledge_id", campaignId, cancellationToken);
        var consents = await CountByPledgeAsync(connection, CountLinkedRowsSql("consent_records"), campaignId, cancellationToken);
        var emails = await CountByPledgeAsync(connection, CountLinkedRowsSql("confirmation_emails"), campaignId, cancellationToken);
        var perPledge = pledges.Keys.Union(consents.Keys).Union(emails.Keys)
            .Order(StringComparer.Ordinal)
            .Select(id => new PledgeRetention(id, pledges.GetValueOrDefault(id), consents.GetValueOrDefault(id), emails.GetValueOrDefault(id)))
            .ToList();

        await using var votes = new NpgsqlCommand("SELECT count(*) FROM votes WHERE campaign_id = @campaign AND retained_at IS NULL", connection);
        votes.Parameters.AddWithValue("campaign", campaignId);
        var voteCount = (long)(await votes.ExecuteScalarAsync(cancellationToken))!;
        return new RetentionReport(perPledge, checked((int)voteCount));
    }

    private static string CountLinkedRowsSql(string table) => $"""
        SELECT p.pledge_id, count(*) FROM {table} t JOIN pledges p ON p.record_id = t.pledge_record_id
        WHERE p.campaign_id = @campaign AND p.retained_at IS NULL GROUP BY p.pledge_id
        """;

    private static async Task<Dictionary<string, int>> CountByPledgeAsync(
        NpgsqlConnection connection, string sql, string campaignId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("campaign", campaignId);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetString(0)] = checked((int)reader.GetInt64(1));
        }

        return counts;
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, string campaignId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("campaign", campaignId);
        command.Parameters.AddWithValue("now", now);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
