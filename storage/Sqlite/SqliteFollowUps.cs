using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace PledgeBot.Storage.Sqlite;

/// <summary>Follow-up answers in <c>follow_ups</c>, each with its consent record in <c>follow_up_consents</c>.</summary>
public sealed class SqliteFollowUps(SqliteDatabase database, PersonalDataProtector protector) : IFollowUps
{
    public async Task<FollowUpState> FindAsync(string campaignId, string personKey, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenForReadingAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = FollowUpStatements.State;
        command.Parameters.AddWithValue("@campaign", campaignId);
        command.Parameters.AddWithValue("@person", personKey);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new FollowUpState(FollowUpStatements.ReadChoice(reader), reader.GetInt64(6) == 1);
    }

    public Task<bool> AnswerAsync(FollowUpAnswer answer, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, token) => AnswerAsync(connection, answer, token), cancellationToken);

    public async Task<bool> WithdrawAsync(string campaignId, string personKey, string channel, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        await database.WriteAsync((connection, token) => FollowUpStatements.WithdrawAsync(connection, campaignId, personKey, channel, SqliteDatabase.Instant(at), token), cancellationToken) > 0;

    private async Task<bool> AnswerAsync(SqliteConnection connection, FollowUpAnswer answer, CancellationToken cancellationToken)
    {
        string? pledgeRecordId = null;
        if (answer.Route == FollowUpRoute.Email)
        {
            // The latest pledge whose address may still be used: the one updates are sent to.
            await using var pledge = connection.CreateCommand();
            pledge.CommandText = """
                SELECT record_id FROM pledges
                WHERE campaign_id = $campaign AND person_key = $person AND contact_withdrawn_at IS NULL AND retained_at IS NULL
                ORDER BY consented_at DESC LIMIT 1
                """;
            pledge.Parameters.AddWithValue("$campaign", answer.CampaignId);
            pledge.Parameters.AddWithValue("$person", answer.PersonKey);
            pledgeRecordId = await pledge.ExecuteScalarAsync(cancellationToken) as string;
            if (pledgeRecordId is null)
            {
                return false;
            }
        }

        var consentId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var at = SqliteDatabase.Instant(answer.At);
        await using (var consent = connection.CreateCommand())
        {
            consent.CommandText = """
                INSERT INTO follow_up_consents (record_id, campaign_id, person_key, statement_language, statement_version, statement_hash,
                                                locale, channel, route, answer, recorded_at)
                VALUES ($id, $campaign, $person, $language, $version, $hash, $locale, $channel, $route, $answer, $at)
                """;
            consent.Parameters.AddWithValue("$id", consentId);
            consent.Parameters.AddWithValue("$campaign", answer.CampaignId);
            consent.Parameters.AddWithValue("$person", answer.PersonKey);
            consent.Parameters.AddWithValue("$language", answer.Statement.Language);
            consent.Parameters.AddWithValue("$version", answer.Statement.Version);
            consent.Parameters.AddWithValue("$hash", answer.Statement.TextHash);
            consent.Parameters.AddWithValue("$locale", (object?)answer.Locale ?? DBNull.Value);
            consent.Parameters.AddWithValue("$channel", answer.Channel);
            consent.Parameters.AddWithValue("$route", answer.Route is { } route ? FollowUpNames.Of(route) : DBNull.Value);
            consent.Parameters.AddWithValue("$answer", answer.IsYes ? "yes" : "no");
            consent.Parameters.AddWithValue("$at", at);
            await consent.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var upsert = connection.CreateCommand();
        upsert.CommandText = """
            INSERT INTO follow_ups (campaign_id, person_key, status, route, tenant_id, conversation_reference, protection,
                                    pledge_record_id, language, consent_record_id, answered_at)
            VALUES ($campaign, $person, $status, $route, $tenant, $reference, $protection, $pledge, $language, $consent, $at)
            ON CONFLICT (campaign_id, person_key) DO UPDATE SET
                status = excluded.status, route = excluded.route, tenant_id = excluded.tenant_id,
                conversation_reference = excluded.conversation_reference, protection = excluded.protection,
                pledge_record_id = excluded.pledge_record_id, language = excluded.language,
                consent_record_id = excluded.consent_record_id, answered_at = excluded.answered_at
            """;
        var teams = answer.Route == FollowUpRoute.Teams;
        upsert.Parameters.AddWithValue("$campaign", answer.CampaignId);
        upsert.Parameters.AddWithValue("$person", answer.PersonKey);
        upsert.Parameters.AddWithValue("$status", FollowUpNames.Of(answer.IsYes ? FollowUpStatus.Subscribed : FollowUpStatus.Declined));
        upsert.Parameters.AddWithValue("$route", answer.Route is { } chosen ? FollowUpNames.Of(chosen) : DBNull.Value);
        upsert.Parameters.AddWithValue("$tenant", teams ? (object?)answer.TenantId ?? DBNull.Value : DBNull.Value);
        upsert.Parameters.AddWithValue("$reference", teams && answer.ConversationReference is { } reference ? protector.Protect(reference) : DBNull.Value);
        upsert.Parameters.AddWithValue("$protection", teams ? PersonalDataProtector.Protected : 0);
        upsert.Parameters.AddWithValue("$pledge", (object?)pledgeRecordId ?? DBNull.Value);
        upsert.Parameters.AddWithValue("$language", answer.Language);
        upsert.Parameters.AddWithValue("$consent", consentId);
        upsert.Parameters.AddWithValue("$at", at);
        await upsert.ExecuteNonQueryAsync(cancellationToken);
        return true;
    }
}
