namespace PledgeBot.Storage;

/// <summary>
/// The follow-up queue's SQL, which both databases run (named parameters); only how an instant is
/// passed differs (text on SQLite, timestamptz on PostgreSQL), and each store passes its own.
/// </summary>
public static class FollowUpQueueStatements
{
    public const string AddUpdate = """
        INSERT INTO follow_up_updates (update_id, campaign_id, kind, once_key, audience, message, created_at, send_at)
        VALUES (@id, @campaign, @kind, @once, @audience, @message, @created, @send)
        ON CONFLICT DO NOTHING
        """;

    public const string DueUpdates = """
        SELECT update_id, campaign_id, audience FROM follow_up_updates
        WHERE queued_at IS NULL AND cancelled_at IS NULL AND send_at <= @now
        ORDER BY send_at
        """;

    /// <summary>One delivery per person subscribed now in the audience (its filter from <see cref="AudienceFilter"/>); one person is never queued twice for one update.</summary>
    public static string QueueDeliveries(FollowUpAudience audience) => $"""
        INSERT INTO follow_up_deliveries (update_id, person_key, lane, status, attempts, next_attempt_at)
        SELECT @id, f.person_key, CASE f.route WHEN 'teams' THEN 'teams:' || coalesce(f.tenant_id, '') ELSE 'email' END, 'pending', 0, @now
        FROM follow_ups f
        WHERE f.campaign_id = @campaign AND f.status = 'subscribed' AND {AudienceFilter(audience)}
        ON CONFLICT DO NOTHING
        """;

    public const string MarkQueued = "UPDATE follow_up_updates SET queued_at = @now WHERE update_id = @id";

    public const string DueLanes = "SELECT DISTINCT lane FROM follow_up_deliveries WHERE status = 'pending' AND next_attempt_at <= @now";

    /// <summary>
    /// Due deliveries of a lane with the subscription as it is now (it may have ended since the
    /// update was queued) and, for email, the pledge whose address is used.
    /// Columns: update, campaign, kind, message, person, subscription status, route, language,
    /// reference, reference protection, first name, email, pledge protection, confirmed at, attempts.
    /// </summary>
    public const string Due = """
        SELECT d.update_id, u.campaign_id, u.kind, u.message, d.person_key, f.status, f.route, coalesce(f.language, 'en'),
               f.conversation_reference, coalesce(f.protection, 0), p.first_name, p.email, coalesce(p.protection, 0), p.confirmed_at, d.attempts
        FROM follow_up_deliveries d
        JOIN follow_up_updates u ON u.update_id = d.update_id
        LEFT JOIN follow_ups f ON f.campaign_id = u.campaign_id AND f.person_key = d.person_key
        LEFT JOIN pledges p ON p.record_id = f.pledge_record_id
        WHERE d.lane = @lane AND d.status = 'pending' AND d.next_attempt_at <= @now
        ORDER BY d.next_attempt_at, d.person_key
        LIMIT @limit
        """;

    public const string Claim = "UPDATE follow_up_deliveries SET next_attempt_at = @until WHERE update_id = @id AND person_key = @person AND status = 'pending'";

    public const string Finish = """
        UPDATE follow_up_deliveries SET status = @status, reason = @reason, attempts = attempts + 1, finished_at = @now
        WHERE update_id = @id AND person_key = @person AND status = 'pending'
        """;

    public const string TryAgain = """
        UPDATE follow_up_deliveries SET reason = @reason, attempts = attempts + 1, next_attempt_at = @retry
        WHERE update_id = @id AND person_key = @person AND status = 'pending'
        """;

    // Teams said the person blocked or removed the bot: nothing more is tried, and the reference goes.
    public const string MarkUnreachable = """
        UPDATE follow_ups SET status = 'unreachable', conversation_reference = NULL, protection = 0, answered_at = @now
        WHERE campaign_id = (SELECT campaign_id FROM follow_up_updates WHERE update_id = @id) AND person_key = @person AND status = 'subscribed'
        """;

    /// <summary>Columns: update, kind, audience, send at, queued at, then the counts pending, sent, failed, blocked, skipped, then cancelled at, message.</summary>
    public const string Progress = """
        SELECT u.update_id, u.kind, u.audience, u.send_at, u.queued_at,
               count(*) FILTER (WHERE d.status = 'pending'), count(*) FILTER (WHERE d.status = 'sent'),
               count(*) FILTER (WHERE d.status = 'failed'), count(*) FILTER (WHERE d.status = 'blocked'),
               count(*) FILTER (WHERE d.status = 'skipped'), u.cancelled_at, u.message
        FROM follow_up_updates u LEFT JOIN follow_up_deliveries d ON d.update_id = u.update_id
        WHERE u.campaign_id = @campaign
        GROUP BY u.update_id, u.kind, u.audience, u.send_at, u.queued_at, u.created_at, u.cancelled_at, u.message
        ORDER BY u.created_at DESC, u.update_id
        """;

    /// <summary>
    /// Deliveries of the campaign's updates that ended (sent, failed, blocked, skipped) since an
    /// instant, per update: the recent rate the admin's expected time to finish is drawn from.
    /// Only updates still being sent are read, so a finished update's many rows cost nothing.
    /// </summary>
    public const string FinishedSince = """
        SELECT d.update_id, count(*)
        FROM follow_up_deliveries d JOIN follow_up_updates u ON u.update_id = d.update_id
        WHERE u.campaign_id = @campaign AND d.status <> 'pending' AND d.finished_at >= @since
          AND d.update_id IN (SELECT p.update_id FROM follow_up_deliveries p WHERE p.status = 'pending')
        GROUP BY d.update_id
        """;

    // Only before the update is queued: from then on its deliveries exist and are the sender's to finish.
    public const string Cancel = """
        UPDATE follow_up_updates SET cancelled_at = @now
        WHERE campaign_id = @campaign AND update_id = @id AND queued_at IS NULL AND cancelled_at IS NULL
        """;

    /// <summary>How many people an audience holds now: those an update would queue if it were due (see <see cref="QueueDeliveries"/>).</summary>
    public static string CountAudience(FollowUpAudience audience) => $"""
        SELECT count(*) FROM follow_ups f
        WHERE f.campaign_id = @campaign AND f.status = 'subscribed' AND {AudienceFilter(audience)}
        """;

    // A person's deliveries name their key: erasure takes them; retention takes the campaign's.
    public const string EraseDeliveriesForPerson = "DELETE FROM follow_up_deliveries WHERE person_key = @key";

    public const string EraseDeliveriesForCampaign =
        "DELETE FROM follow_up_deliveries WHERE update_id IN (SELECT update_id FROM follow_up_updates WHERE campaign_id = @campaign)";

    private static string AudienceFilter(FollowUpAudience audience) => audience.Kind switch
    {
        FollowUpAudienceKind.VotersFor =>
            "EXISTS (SELECT 1 FROM votes v WHERE v.campaign_id = f.campaign_id AND v.person_key = f.person_key AND v.cause_id = @value)",
        FollowUpAudienceKind.PledgersOf =>
            "EXISTS (SELECT 1 FROM pledges p WHERE p.campaign_id = f.campaign_id AND p.person_key = f.person_key AND p.pledge_id = @value)",
        FollowUpAudienceKind.Route => "f.route = @value",
        _ => "1 = 1",
    };
}
