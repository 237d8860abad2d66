namespace PledgeBot.Storage;

/// <summary>
/// Copies of emails the bot wrote outside the database: the outbox of .eml files it keeps when no
/// mail server is configured. They hold names and addresses, so an erasure or data retention
/// removes them along with the rows.
/// </summary>
public interface ISentEmailCopies
{
    /// <summary>Removes the copies of emails sent to these addresses (given by their keyed hashes).</summary>
    Task ForgetAsync(IReadOnlyCollection<string> emailKeys, CancellationToken cancellationToken = default);

    /// <summary>Removes every copy: the campaign's personal data has reached the end of its retention.</summary>
    Task ForgetAllAsync(CancellationToken cancellationToken = default);
}
