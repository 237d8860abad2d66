namespace PledgeBot.Storage;

/// <summary>
/// What data retention counts and changes, as SQL both databases run (parameters <c>@campaign</c>
/// and <c>@now</c>); only how a random key is made and how an instant is cut to its UTC day differ,
/// and each store passes its own.
/// </summary>
/// <param name="randomKey">An expression evaluated once per row, giving a fresh random key shaped like the record ids.</param>
/// <param name="dayOf">The stored instant of a column cut to midnight UTC of its day (null stays null).</param>
public sealed class RetentionStatements(string randomKey, Func<string, string> dayOf)
{
    // The double opt-in's queue of confirmation emails.
    private const string QueuedEmailsTable = "confirmation_emails";

    private const string PledgesWithPersonalData = "SELECT record_id FROM pledges WHERE campaign_id = @campaign AND retained_at IS NULL";

    public const string CountPledges = "SELECT pledge_id, count(*) FROM pledges WHERE campaign_id = @campaign AND retained_at IS NULL GROUP BY pledge_id";

    public const string CountConsentRecords = $"""
        SELECT p.pledge_id, count(*) FROM consent_records t JOIN pledges p ON p.record_id = t.pledge_record_id
        WHERE p.campaign_id = @campaign AND p.retained_at IS NULL GROUP BY p.pledge_id
        """;

    public const string CountQueuedEmails = $"""
        SELECT p.pledge_id, count(*) FROM {QueuedEmailsTable} t JOIN pledges p ON p.record_id = t.pledge_record_id
        WHERE p.campaign_id = @campaign AND p.retained_at IS NULL GROUP BY p.pledge_id
        """;

    public const string CountVotes = "SELECT count(*) FROM votes WHERE campaign_id = @campaign AND retained_at IS NULL";

    // A language choice is kept by person key, not by campaign: the choices of everyone the campaign
    // still knows by key go, run before their keys are replaced below. Someone who is also in
    // another campaign of the database chooses again; that is the lesser harm.
    public const string DeleteLanguageChoices = """
        DELETE FROM language_choices WHERE person_key IN (
            SELECT person_key FROM funnel_steps WHERE campaign_id = @campaign AND retained_at IS NULL
            UNION SELECT person_key FROM votes WHERE campaign_id = @campaign AND retained_at IS NULL
            UNION SELECT person_key FROM pledges WHERE campaign_id = @campaign AND retained_at IS NULL)
        """;

    // The funnel's rows stay, so its counts do; the person keys in them go, as in the votes.
    public string AnonymiseFunnelSteps =>
        $"UPDATE funnel_steps SET person_key = {randomKey}, retained_at = @now WHERE campaign_id = @campaign AND retained_at IS NULL";

    public const string DeleteQueuedEmails = $"DELETE FROM {QueuedEmailsTable} WHERE pledge_record_id IN ({PledgesWithPersonalData})";

    // Consent records name the person key, the channel and the exact time of the yes: the proof of
    // consent is only needed while the personal data it covers exists.
    public const string DeleteConsentRecords = $"DELETE FROM consent_records WHERE pledge_record_id IN ({PledgesWithPersonalData})";

    public string AnonymisePledges => $"""
        UPDATE pledges
        SET first_name = '', email = '',
            person_key = {randomKey}, email_key = {randomKey}, record_id = {randomKey}, consent_record_id = NULL,
            consented_at = {dayOf("consented_at")}, confirmed_at = {dayOf("confirmed_at")},
            contact_withdrawn_at = {dayOf("contact_withdrawn_at")}, retained_at = @now
        WHERE campaign_id = @campaign AND retained_at IS NULL
        """;

    // A vote's person key is a keyed hash: pseudonymous, so still personal data while the secret
    // exists. The cause stays, so the tallies do.
    public string AnonymiseVotes => $"""
        UPDATE votes SET person_key = {randomKey}, voted_at = {dayOf("voted_at")}, retained_at = @now
        WHERE campaign_id = @campaign AND retained_at IS NULL
        """;

    /// <summary>The audit line, as for every erasure: when, from where, how much (parameters <c>@at</c>, <c>@source</c>, <c>@votes</c>, <c>@pledges</c>, <c>@consents</c>).</summary>
    public const string LogErasure = "INSERT INTO erasures (erased_at, source, votes, pledges, consent_records) VALUES (@at, @source, @votes, @pledges, @consents)";

    /// <summary>The report from the counts per pledge id, one entry per pledge id with any, in ordinal order.</summary>
    public static RetentionReport Report(
        IReadOnlyDictionary<string, int> pledges, IReadOnlyDictionary<string, int> consentRecords, IReadOnlyDictionary<string, int> queuedEmails, int votes) =>
        new(
            pledges.Keys.Union(consentRecords.Keys).Union(queuedEmails.Keys)
                .Order(StringComparer.Ordinal)
                .Select(id => new PledgeRetention(id, pledges.GetValueOrDefault(id), consentRecords.GetValueOrDefault(id), queuedEmails.GetValueOrDefault(id)))
                .ToList(),
            votes);
}
