namespace PledgeBot.Storage;

/// <summary>
/// The pledge export's query, the same on both databases but for the order (parameter
/// <c>@campaign</c>). Columns: pledge id, first name, email, protection, consented at, statement
/// version, confirmed at, channel, locale, contact withdrawn at, cause voted for, referral code,
/// statement language.
/// </summary>
public static class PledgeExportQuery
{
    /// <param name="orderBy">The rows' order, over the pledges' alias <c>p</c>.</param>
    /// <remarks>
    /// The vote and the referral code come from links the database already holds (the person's
    /// keyed hash in votes and referral_conversions); the export joins them, it stores nothing new.
    /// </remarks>
    public static string OrderedBy(string orderBy) => $"""
        SELECT p.pledge_id, p.first_name, p.email, p.protection, p.consented_at, c.statement_version,
               p.confirmed_at, c.channel, c.locale, p.contact_withdrawn_at, v.cause_id,
               (SELECT min(r.referral_code) FROM referral_conversions r
                WHERE r.campaign_id = p.campaign_id AND r.person_key = p.person_key AND r.kind = 'pledge'),
               c.statement_language
        FROM pledges p
        LEFT JOIN consent_records c ON c.record_id = p.consent_record_id
        LEFT JOIN votes v ON v.campaign_id = p.campaign_id AND v.person_key = p.person_key
        WHERE p.campaign_id = @campaign AND p.retained_at IS NULL
        ORDER BY {orderBy}
        """;
}
