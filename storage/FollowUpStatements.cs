using System.Data.Common;
using System.Security.Cryptography;

namespace PledgeBot.Storage;

/// <summary>
/// What "stop", "my data", erasure and retention do to follow-ups, as SQL both databases run
/// (named parameters <c>@campaign</c>, <c>@person</c>, <c>@key</c>, <c>@id</c>, <c>@channel</c>, <c>@now</c>).
/// </summary>
public static class FollowUpStatements
{
    /// <summary>The person's answer for "my data" (see <see cref="ReadChoice"/>).</summary>
    public const string Find = """
        SELECT f.status, f.route, f.answered_at, c.statement_language, c.statement_version, c.statement_hash
        FROM follow_ups f JOIN follow_up_consents c ON c.record_id = f.consent_record_id
        WHERE f.campaign_id = @campaign AND f.person_key = @person
        """;

    /// <summary>
    /// Always one row: the person's answer (all null when none; see <see cref="ReadChoice"/>), then
    /// whether they have a pledge in the campaign whose address may still be used.
    /// </summary>
    public const string State = """
        SELECT f.status, f.route, f.answered_at, c.statement_language, c.statement_version, c.statement_hash,
               EXISTS (SELECT 1 FROM pledges p WHERE p.campaign_id = @campaign AND p.person_key = @person
                       AND p.contact_withdrawn_at IS NULL AND p.retained_at IS NULL)
        FROM (SELECT 1) AS one LEFT JOIN follow_ups f ON f.campaign_id = @campaign AND f.person_key = @person
        LEFT JOIN follow_up_consents c ON c.record_id = f.consent_record_id
        """;

    /// <summary>The answer in the first six columns of <see cref="Find"/> or <see cref="State"/>, on any database; null when there is none.</summary>
    public static FollowUpChoice? ReadChoice(DbDataReader row) => row.IsDBNull(0)
        ? null
        : new FollowUpChoice(
            FollowUpNames.StatusOf(row.GetString(0)),
            FollowUpNames.RouteOf(row.IsDBNull(1) ? null : row.GetString(1)),
            row.GetFieldValue<DateTimeOffset>(2),
            new ConsentStatement(row.GetString(3), row.GetInt32(4), row.GetString(5)));

    // "stop": the withdrawal names the statement the person had said yes to, so the trail reads as
    // one story; run before the row changes below.
    public const string RecordWithdrawal = """
        INSERT INTO follow_up_consents (record_id, campaign_id, person_key, statement_language, statement_version, statement_hash,
                                        locale, channel, route, answer, recorded_at)
        SELECT @id, f.campaign_id, f.person_key, c.statement_language, c.statement_version, c.statement_hash, NULL, @channel, f.route, 'withdrawn', @now
        FROM follow_ups f JOIN follow_up_consents c ON c.record_id = f.consent_record_id
        WHERE f.campaign_id = @campaign AND f.person_key = @person AND f.status = 'subscribed'
        """;

    // Nothing to reach them by is kept once they said stop: the conversation reference goes.
    public const string Withdraw = """
        UPDATE follow_ups
        SET status = 'withdrawn', route = NULL, tenant_id = NULL, conversation_reference = NULL, protection = 0,
            pledge_record_id = NULL, consent_record_id = @id, answered_at = @now
        WHERE campaign_id = @campaign AND person_key = @person AND status = 'subscribed'
        """;

    /// <summary>
    /// "stop" for follow-ups, in the caller's transaction on either database: <see cref="RecordWithdrawal"/>
    /// then <see cref="Withdraw"/>, under one record id.
    /// </summary>
    /// <param name="now">The time as the database stores it (SQLite: the instant's text; PostgreSQL: the instant).</param>
    /// <returns>How many follow-ups changed (0 or 1).</returns>
    public static async Task<int> WithdrawAsync(DbConnection connection, string campaignId, string personKey, string channel, object now, CancellationToken cancellationToken)
    {
        var recordId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var changed = 0;
        foreach (var sql in new[] { RecordWithdrawal, Withdraw })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in new (string, object)[] { ("@id", recordId), ("@campaign", campaignId), ("@person", personKey), ("@channel", channel), ("@now", now) })
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }

            changed = await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return changed;
    }

    public const string EraseForPerson = "DELETE FROM follow_ups WHERE person_key = @key";

    public const string EraseConsentsForPerson = "DELETE FROM follow_up_consents WHERE person_key = @key";

    // Someone else's chat that chose email updates at an address being erased: nothing to send them to any more.
    public const string EraseForEmail = "DELETE FROM follow_ups WHERE pledge_record_id IN (SELECT record_id FROM pledges WHERE email_key = @key)";

    // Retention: once a campaign's personal data goes, so do its follow-ups and their records.
    public const string EraseForCampaign = "DELETE FROM follow_ups WHERE campaign_id = @campaign";

    public const string EraseConsentsForCampaign = "DELETE FROM follow_up_consents WHERE campaign_id = @campaign";
}
