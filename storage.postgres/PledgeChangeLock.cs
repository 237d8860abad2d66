using Npgsql;

namespace PledgeBot.Storage.Postgres;

/// <summary>
/// Keeps a pledge and a change of everything a person has (stop, forget me) on another instance
/// from interleaving. An erasure reads whom it erases and then deletes table after table; a
/// pledge committed in between would lose its consent record but keep its row, or keep a
/// confirmation email after "stop". So pledges hold this lock shared (they never wait for each
/// other) and stop and erasures hold it exclusively, each until its commit. Both are rare and short
/// next to pledges.
/// </summary>
internal static class PledgeChangeLock
{
    // A one-number advisory key of its own ("PledgeWr"); the migrations' key and the vote store's
    // two-number keys are apart from it.
    private const long Key = 0x506C6564_67655772;

    /// <summary>For a pledge. Not waited for: while a stop or an erasure holds or awaits it, the batch gives way and runs again.</summary>
    public static async Task TakeSharedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT pg_try_advisory_xact_lock_shared({Key})", connection);
        if (!(bool)(await command.ExecuteScalarAsync(cancellationToken))!)
        {
            throw new WrittenElsewhereException("Another instance is erasing or withdrawing a person's pledges.");
        }
    }

    /// <summary>
    /// For a stop or an erasure. Waited for: pledges in progress commit within moments, and new ones
    /// give way while this waits, so it is never starved by a stream of pledges.
    /// </summary>
    public static async Task TakeExclusiveAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({Key})", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
