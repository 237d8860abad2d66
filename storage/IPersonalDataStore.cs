namespace PledgeBot.Storage;

/// <summary>
/// People's rights over what is stored about them: see it, withdraw consent to be contacted,
/// be forgotten. An erasure leaves a line in the erasure log with counts only.
/// </summary>
public interface IPersonalDataStore
{
    Task<PersonalDataReport> FindAsync(string campaignId, string personKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks the person's pledges as no longer to be contacted (the pledges stay), ends their
    /// follow-ups (forgetting how to reach them), and records each withdrawal.
    /// </summary>
    /// <returns>How many pledges and follow-ups changed.</returns>
    Task<int> WithdrawContactAsync(string campaignId, string personKey, string channel, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>
    /// Erases the person's vote, their pledges (and any other pledge with the same email address),
    /// the consent records of those pledges, their language choice and their follow-ups with
    /// their records, in every campaign of the database.
    /// </summary>
    Task<ErasureResult> ForgetPersonAsync(string personKey, string source, CancellationToken cancellationToken = default);

    /// <summary>
    /// Erases every pledge signed with this email, the consent records of those pledges and the
    /// votes and language choices of the chat identities that signed them: for requests that arrive by post or email.
    /// </summary>
    Task<ErasureResult> ForgetEmailAsync(string emailKey, string source, CancellationToken cancellationToken = default);
}

/// <param name="Language">The language the person chose in the chat (<see cref="ILanguageChoices"/>), or null.</param>
/// <param name="FollowUp">The person's answer to the follow-up question (<see cref="IFollowUps"/>), or null.</param>
public sealed record PersonalDataReport(StoredVote? Vote, IReadOnlyList<StoredPledge> Pledges, string? Language = null, FollowUpChoice? FollowUp = null)
{
    public bool IsEmpty => Vote is null && Pledges.Count == 0 && Language is null && FollowUp is null;
}

public sealed record StoredVote(string CauseId, DateTimeOffset VotedAt);

/// <param name="FirstName">Null when it cannot be decrypted (the encryption keys are gone).</param>
/// <param name="Email">Null when it cannot be decrypted.</param>
/// <param name="ConsentLanguage">The language of the consent statement agreed to; its version is numbered in that language.</param>
public sealed record StoredPledge(
    string PledgeId,
    string? FirstName,
    string? Email,
    DateTimeOffset ConsentedAt,
    int? ConsentStatementVersion,
    DateTimeOffset? ConfirmedAt,
    DateTimeOffset? ContactWithdrawnAt,
    string? ConsentLanguage);

public sealed record ErasureResult(int Votes, int Pledges, int ConsentRecords)
{
    public bool NothingFound => Votes == 0 && Pledges == 0 && ConsentRecords == 0;
}
