namespace PledgeBot.Storage;

/// <summary>
/// Data retention: once a campaign's personal data is no longer to be kept, its pledges and votes
/// stay as anonymous rows (so every count and tally stays the same) and everything that said or
/// could reveal who made them goes.
/// </summary>
public interface IRetentionStore
{
    /// <summary>What <see cref="ApplyAsync"/> would take now, changing nothing.</summary>
    Task<RetentionReport> PreviewAsync(string campaignId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Empties the first name and email of the campaign's pledges and replaces their person, email
    /// and record keys with random values; deletes their consent records and queued emails; replaces
    /// the person keys of the campaign's votes and funnel steps. Leaves an erasure line with source
    /// <see cref="Source"/> when it took anything.
    /// </summary>
    Task<RetentionReport> ApplyAsync(string campaignId, CancellationToken cancellationToken = default);

    public const string Source = "retention";
}

/// <param name="Pledges">One entry per pledge (the campaign's pledge id) with rows still holding personal data.</param>
/// <param name="Votes">Votes whose person key is still the keyed hash of a person.</param>
public sealed record RetentionReport(IReadOnlyList<PledgeRetention> Pledges, int Votes)
{
    public int PledgeCount => Pledges.Sum(p => p.Pledges);

    public int ConsentRecordCount => Pledges.Sum(p => p.ConsentRecords);

    public bool NothingFound => PledgeCount == 0 && ConsentRecordCount == 0 && Votes == 0 && Pledges.Sum(p => p.QueuedEmails) == 0;
}

public sealed record PledgeRetention(string PledgeId, int Pledges, int ConsentRecords, int QueuedEmails);
