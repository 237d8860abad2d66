using System.Security.Cryptography;
using Npgsql;

namespace PledgeBot.Storage.Postgres;

/// <summary>Follow-up answers on PostgreSQL, as in <c>SqliteFollowUps</c>.</summary>
public sealed class PostgresFollowUps(PostgresDatabase database, PersonalDataProtector protector) : IFollowUps
{
    public async Task<FollowUpState> FindAsync(string campaignId, string personKey, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenForReadingAsync(cancellationToken);
        await using var command = new NpgsqlCommand(FollowUpStatements.State, connection);
        command.Parameters.AddWithValue("campaign", campaignId);
        command.Parameters.AddWithValue("person", personKey);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new FollowUpState(FollowUpStatements.ReadChoice(reader), reader.GetBoolean(6));
    }

    public Task<bool> AnswerAsync(FollowUpAnswer answer, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, token) => AnswerAsync(connection, answer, token), cancellationToken);

    public async Task<bool> WithdrawAsync(string campaignId, string personKey, string channel, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        await database.WriteAsync((connection, token) => FollowUpStatements.WithdrawAsync(connection, campaignId, personKey, channel, at.ToUniversalTime(), token), cancellationToken) > 0;

    private async Task<bool> AnswerAsync(NpgsqlConnection connection, FollowUpAnswer answer, CancellationToken cancellationToken)
    {
        string? pledgeRecordId = null;
        if (answer.Route == FollowUpRoute.Email)
        {
            await using var pledge = new NpgsqlCommand("""
                SELECT record_id FROM pledges
                WHERE campaign_id = $1 AND person_key = $2 AND contact_withdrawn_at IS NULL AND retained_at IS NULL
                ORDER BY consented_at DESC LIMIT 1
                """, connection);
            pledge.Parameters.AddWithValue(answer.CampaignId);
            pledge.Parameters.AddWithValue(answer.PersonKey);
            pledgeRecordId = await pledge.ExecuteScalarAsync(cancellationToken) as string;
            if (pledgeRecordId is null)
            {
                return false;
            }
        }

        var consentId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var at = answer.At.ToUniversalTime();
        await using (var consent = new NpgsqlCommand("""
            INSERT INTO follow_up_consents (record_id, campaign_id, person_key, statement_language, statement_version, statement_hash,
                                            locale, channel, route, answer, recorded_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            """, connection))
        {
            consent.Parameters.AddWithValue(consentId);
            consent.Parameters.AddWithValue(answer.CampaignId);
            consent.Parameters.AddWithValue(answer.PersonKey);
            consent.Parameters.AddWithValue(answer.Statement.Language);
            consent.Parameters.AddWithValue(answer.Statement.Version);
            consent.Parameters.AddWithValue(answer.Statement.TextHash);
            consent.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = answer.Locale });
            consent.Parameters.AddWithValue(answer.Channel);
            consent.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = answer.Route is { } route ? FollowUpNames.Of(route) : null });
            consent.Parameters.AddWithValue(answer.IsYes ? "yes" : "no");
            consent.Parameters.AddWithValue(at);
            await consent.ExecuteNonQueryAsync(cancellationToken);
        }

        var teams = answer.Route == FollowUpRoute.Teams;
        await using var upsert = new NpgsqlCommand("""
            INSERT INTO follow_ups (campaign_id, person_key, status, route, tenant_id, conversation_reference, protection,
                                    pledge_record_id, language, consent_record_id, answered_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            ON CONFLICT (campaign_id, person_key) DO UPDATE SET
                status = excluded.status, route = excluded.route, tenant_id = excluded.tenant_id,
                conversation_reference = excluded.conversation_reference, protection = excluded.protection,
                pledge_record_id = excluded.pledge_record_id, language = excluded.language,
                consent_record_id = excluded.consent_record_id, answered_at = excluded.answered_at
            """, connection);
        upsert.Parameters.AddWithValue(answer.CampaignId);
        upsert.Parameters.AddWithValue(answer.PersonKey);
        upsert.Parameters.AddWithValue(FollowUpNames.Of(answer.IsYes ? FollowUpStatus.Subscribed : FollowUpStatus.Declined));
        upsert.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = answer.Route is { } chosen ? FollowUpNames.Of(chosen) : null });
        upsert.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = teams ? answer.TenantId : null });
        upsert.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = teams && answer.ConversationReference is { } reference ? protector.Protect(reference) : null });
        upsert.Parameters.AddWithValue(teams ? PersonalDataProtector.Protected : 0);
        upsert.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = pledgeRecordId });
        upsert.Parameters.AddWithValue(answer.Language);
        upsert.Parameters.AddWithValue(consentId);
        upsert.Parameters.AddWithValue(at);
        await upsert.ExecuteNonQueryAsync(cancellationToken);
        return true;
    }
}
