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

    // gen_random_uuid draws from the server's strong random source: 32 hex digits without the dashes.
    private static readonly RetentionStatements Statements = new(
        "replace(gen_random_uuid()::text, '-', '')",
        column => $"date_trunc('day', {column}, 'UTC')");

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
        // Not part of the report, as the funnel steps: a language choice is not a vote or a pledge to account for.
        await ExecuteAsync(connection, RetentionStatements.DeleteLanguageChoices, campaignId, now, cancellationToken);
        // Not part of the report either: the follow-ups, and how to reach their people, end with the campaign's personal data.
        await ExecuteAsync(connection, FollowUpQueueStatements.EraseDeliveriesForCampaign, campaignId, now, cancellationToken);
        await ExecuteAsync(connection, FollowUpStatements.EraseForCampaign, campaignId, now, cancellationToken);
        await ExecuteAsync(connection, FollowUpStatements.EraseConsentsForCampaign, campaignId, now, cancellationToken);
        // Not part of the report: a person's funnel steps are not a vote or a pledge to account for.
        await ExecuteAsync(connection, Statements.AnonymiseFunnelSteps, campaignId, now, cancellationToken);
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

        await ExecuteAsync(connection, RetentionStatements.DeleteQueuedEmails, campaignId, now, cancellationToken);
        await ExecuteAsync(connection, RetentionStatements.DeleteConsentRecords, campaignId, now, cancellationToken);
        await ExecuteAsync(connection, Statements.AnonymisePledges, campaignId, now, cancellationToken);
        // Votes do not wait for the pledge lock, so the report counts the votes this statement took,
        // not those counted a moment before.
        report = report with { Votes = await ExecuteAsync(connection, Statements.AnonymiseVotes, campaignId, now, cancellationToken) };

        await using (var log = new NpgsqlCommand(RetentionStatements.LogErasure, connection))
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

    private static async Task<RetentionReport> CountAsync(NpgsqlConnection connection, string campaignId, CancellationToken cancellationToken)
    {
        var pledges = await CountByPledgeAsync(connection, RetentionStatements.CountPledges, campaignId, cancellationToken);
        var consents = await CountByPledgeAsync(connection, RetentionStatements.CountConsentRecords, campaignId, cancellationToken);
        var emails = await CountByPledgeAsync(connection, RetentionStatements.CountQueuedEmails, campaignId, cancellationToken);
        await using var votes = new NpgsqlCommand(RetentionStatements.CountVotes, connection);
        votes.Parameters.AddWithValue("campaign", campaignId);
        var voteCount = (long)(await votes.ExecuteScalarAsync(cancellationToken))!;
        return RetentionStatements.Report(pledges, consents, emails, checked((int)voteCount));
    }

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
