namespace PledgeBot.Storage;

/// <summary>
/// The CRM deliveries' statements that both databases run as they are (parameters as
/// <c>@name</c>, which SQLite and Npgsql both read). Only the column that orders the outbox differs:
/// SQLite's <c>rowid</c>, PostgreSQL's <c>seq</c>; and each store binds instants its own way.
/// </summary>
public static class CrmDeliveryStatements
{
    /// <summary>
    /// The order rule, for delivery <c>d</c> of outbox record <c>o</c>: no earlier record of the same
    /// pledge is still pending for the same CRM. What is due and when the next one is due both obey it.
    /// </summary>
    public static string NoEarlierPendingRecord(string order) => $"""
        NOT EXISTS (SELECT 1 FROM crm_outbox o2 JOIN crm_deliveries d2 ON d2.record_id = o2.record_id AND d2.destination = d.destination
                    WHERE o2.pledge_record_id = o.pledge_record_id AND o2.{order} < o.{order} AND d2.state = 'pending')
        """;

    /// <summary>
    /// Deliveries to <c>@destination</c> due at <c>@now</c>, oldest first, at most <c>@limit</c>; of
    /// one pledge's records only the earliest pending one. The columns are those
    /// <see cref="DueCrmDeliveryRow"/> reads.
    /// </summary>
    public static string ReadDue(string order) => $"""
        SELECT d.record_id, o.event, o.created_at, d.attempts,
               EXISTS (SELECT 1 FROM crm_outbox o2 JOIN crm_deliveries d2 ON d2.record_id = o2.record_id AND d2.destination = d.destination
                       WHERE o2.pledge_record_id = o.pledge_record_id AND o2.{order} < o.{order}
                         AND (d2.state = 'delivered' OR d2.attempts > 0)),
               o.pledge_record_id, o.campaign_id, o.pledge_id, o.subject_email, o.subject_protection,
               p.record_id, p.first_name, p.email, p.protection, p.consented_at, p.confirmed_at, p.contact_withdrawn_at,
               c.statement_version, c.locale, c.channel,
               (SELECT v.cause_id FROM votes v WHERE v.campaign_id = p.campaign_id AND v.person_key = p.person_key),
               (SELECT r.referral_code FROM referral_conversions r
                WHERE r.campaign_id = p.campaign_id AND r.person_key = p.person_key
                ORDER BY r.kind = 'pledge' DESC LIMIT 1),
               c.statement_language
        FROM crm_deliveries d
        JOIN crm_outbox o ON o.record_id = d.record_id
        LEFT JOIN pledges p ON p.record_id = o.pledge_record_id
        LEFT JOIN consent_records c ON c.record_id = p.consent_record_id
        WHERE d.destination = @destination AND d.state = 'pending' AND d.next_attempt_at <= @now
          AND {NoEarlierPendingRecord(order)}
        ORDER BY d.next_attempt_at, o.{order}
        LIMIT @limit
        """;

    /// <summary>A failed attempt: pending again at <c>@next</c>.</summary>
    public const string MarkFailed = """
        UPDATE crm_deliveries
        SET attempts = attempts + 1, next_attempt_at = @next, last_status = @status, last_reason = @reason, last_attempt_at = @now
        WHERE record_id = @record AND destination = @destination AND state = 'pending'
        """;

    /// <summary>Delivered, skipped or dead: <c>@state</c>, counting an attempt when <c>@attempted</c> is 1.</summary>
    public const string Finish = """
        UPDATE crm_deliveries
        SET state = @state, attempts = attempts + @attempted, last_status = @status, last_reason = @reason,
            last_attempt_at = CASE WHEN @attempted = 1 THEN @now ELSE last_attempt_at END, finished_at = @now
        WHERE record_id = @record AND destination = @destination AND state = 'pending'
        """;

    public const string RetryDead = """
        UPDATE crm_deliveries SET state = 'pending', attempts = 0, next_attempt_at = @now, finished_at = NULL
        WHERE destination = @destination AND state = 'dead'
        """;

    /// <summary>Per state: how many, and how many of them were tried at least once.</summary>
    public const string CountByState = """
        SELECT state, count(*), count(*) FILTER (WHERE attempts > 0) FROM crm_deliveries WHERE destination = @destination GROUP BY state
        """;

    public const string LastError = """
        SELECT last_status, last_reason, last_attempt_at FROM crm_deliveries
        WHERE destination = @destination AND state IN ('pending', 'dead') AND last_reason IS NOT NULL
        ORDER BY last_attempt_at DESC LIMIT 1
        """;
}
