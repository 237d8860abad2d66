namespace PledgeBot.Storage;

/// <summary>
/// Work that one instance of the bot at a time may do, such as delivering the CRM outbox: two
/// instances reading the same delivery as due would both send it.
/// </summary>
public interface IExclusiveLeases
{
    /// <summary>
    /// The lease on <paramref name="name"/> when no other instance holds it, else null. It holds
    /// until disposed, or until <see cref="IExclusiveLease.Lost"/> is cancelled (the database can
    /// no longer vouch for it); then the work must stop, as another instance may take over.
    /// </summary>
    Task<IExclusiveLease?> TryAcquireAsync(string name, CancellationToken cancellationToken = default);
}

public interface IExclusiveLease : IAsyncDisposable
{
    /// <summary>Cancelled when the lease is lost.</summary>
    CancellationToken Lost { get; }
}
