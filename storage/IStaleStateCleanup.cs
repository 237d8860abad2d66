using System.Data.Common;

namespace PledgeBot.Storage;

/// <summary>
/// Clears one member of stored bot state (a JSON path such as <c>$.ConversationFlow.Pledge</c>)
/// in rows nobody has written for a while, for data that must not outlive its use even when the
/// person never comes back. The rest of each document stays as it was.
/// </summary>
public interface IStaleStateCleanup
{
    /// <summary>Rows looked at per round, so that a large backlog never sits in memory at once.</summary>
    public const int BatchSize = 200;

    /// <summary>
    /// Rows not written since <paramref name="notUpdatedSince"/> whose document holds a non-null
    /// value at <paramref name="jsonPath"/>, in key order from after <paramref name="afterKey"/>.
    /// </summary>
    Task<IReadOnlyList<StoredStateVersion>> FindAsync(
        string jsonPath, DateTimeOffset notUpdatedSince, string afterKey, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets the member to null in the row as it was found, with a new ETag. A turn that wrote the
    /// row since then wins: the ETag no longer matches and nothing changes (false). The row's
    /// updated_at stays, so it still shows when the person last wrote to it.
    /// </summary>
    Task<bool> ClearAsync(StoredStateVersion row, string jsonPath, CancellationToken cancellationToken = default);

    /// <summary>Clears the member in every row not written since <paramref name="notUpdatedSince"/>; returns how many rows changed.</summary>
    async Task<int> ClearAsync(string jsonPath, DateTimeOffset notUpdatedSince, CancellationToken cancellationToken = default)
    {
        var cleared = 0;
        var after = "";
        while (true)
        {
            var stale = await FindAsync(jsonPath, notUpdatedSince, after, BatchSize, cancellationToken);
            foreach (var row in stale)
            {
                cleared += await ClearAsync(row, jsonPath, cancellationToken) ? 1 : 0;
            }

            if (stale.Count < BatchSize)
            {
                return cleared;
            }

            after = stale[^1].Key;
        }
    }
}

/// <summary>A bot state row as it was read: its key and the ETag it had then.</summary>
public sealed record StoredStateVersion(string Key, string ETag)
{
    /// <summary>Every row of a query that selects the key and the ETag, in that order.</summary>
    public static async Task<IReadOnlyList<StoredStateVersion>> ReadAllAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        var rows = new List<StoredStateVersion>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new StoredStateVersion(reader.GetString(0), reader.GetString(1)));
        }

        return rows;
    }
}
