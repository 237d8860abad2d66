namespace PledgeBot.Storage;

/// <summary>
/// A pledge store that may still hold first names and emails in plain text, written by a version
/// before 3 (a SQLite file from then). Only such a store implements it; a database that never had
/// plain rows (PostgreSQL) has nothing to offer here, so the host registers nothing for it.
/// </summary>
public interface IPlainPledgeRows
{
    /// <summary>Encrypts the plain rows; returns how many there were.</summary>
    Task<int> ProtectPlainRowsAsync(CancellationToken cancellationToken = default);
}
