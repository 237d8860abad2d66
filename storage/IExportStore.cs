namespace PledgeBot.Storage;

/// <summary>
/// What the admin exports read: a campaign's pledges, one at a time as the database gives them
/// (never all at once: an export of a million pledges must not load into memory), and its votes
/// as counts only.
/// </summary>
public interface IExportStore
{
    /// <summary>
    /// The campaign's pledges that still hold personal data (data retention has not taken them),
    /// in the order they were stored, each name and email decrypted as its row is read.
    /// </summary>
    IAsyncEnumerable<PledgeExportRow> ReadPledgesAsync(string campaignId, CancellationToken cancellationToken = default);

    /// <summary>The campaign's votes counted per UTC day of the vote (its last change), cause and channel; no person keys.</summary>
    IAsyncEnumerable<VoteCount> ReadVoteCountsAsync(string campaignId, CancellationToken cancellationToken = default);
}

/// <param name="FirstName">Null when it cannot be decrypted (the encryption keys are gone).</param>
/// <param name="Email">Null when it cannot be decrypted.</param>
/// <param name="VotedFor">The cause the same chat identity voted for; null when it has not voted.</param>
/// <param name="ConsentStatementVersion">Null for a pledge stored before consent records were kept.</param>
/// <param name="Channel">Where consent was given (<c>msteams</c>, <c>directline</c> ...), from the consent record.</param>
/// <param name="ReferralCode">The share link's code that was credited with this person's pledge, if any.</param>
/// <param name="Locale">The language the client reported when consent was given, from the consent record.</param>
/// <param name="ConsentLanguage">The language of the consent statement shown (its version is numbered in that language); null as the version is.</param>
public sealed record PledgeExportRow(
    string PledgeId,
    string? FirstName,
    string? Email,
    string? VotedFor,
    DateTimeOffset ConsentedAt,
    int? ConsentStatementVersion,
    DateTimeOffset? ConfirmedAt,
    string? Channel,
    string? ReferralCode,
    string? Locale,
    DateTimeOffset? ContactWithdrawnAt,
    string? ConsentLanguage);

public sealed record VoteCount(DateOnly Day, string CauseId, string Channel, int Votes);
