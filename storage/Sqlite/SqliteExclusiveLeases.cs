namespace PledgeBot.Storage.Sqlite;

/// <summary>
/// On SQLite every lease is granted: one bot process uses a database file (several processes on
/// one file are not supported), so there is nobody to share the work with.
/// </summary>
public sealed class SqliteExclusiveLeases : IExclusiveLeases
{
    public Task<IExclusiveLease?> TryAcquireAsync(string name, CancellationToken cancellationToken = default) =>
        Task.FromResult<IExclusiveLease?>(new AlwaysHeld());

    private sealed class AlwaysHeld : IExclusiveLease
    {
        public CancellationToken Lost => CancellationToken.None;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
