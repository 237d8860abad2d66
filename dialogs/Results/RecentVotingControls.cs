using PledgeBot.Storage;

namespace PledgeBot.Dialogs.Results;

/// <summary>
/// The admins' voting controls as last read from the database, read again once they are
/// <see cref="Lifetime"/> old, and forgotten the moment an admin changes them through this
/// instance: that change shows on this instance's very next turn, and on other instances (or
/// after a change made outside this process) within <see cref="Lifetime"/>. Every turn that draws
/// a live card reads them, some twice; this saves those reads. A scheduled close still takes effect
/// the moment it passes, because only the settings are kept and the status is worked out from the
/// clock on every read (<see cref="VotingStatusReader"/>).
/// </summary>
public sealed class RecentVotingControls(IVotingControls database, TimeProvider clock) : IVotingControls
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);

    private readonly Lock changing = new();
    private Remembered? remembered;
    // Counts the changes made here, so that a read that began before a change cannot keep what it read.
    private long changes;

    public async Task<VotingSettings> ReadAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        if (Volatile.Read(ref remembered) is { } known && now - known.ReadAt < Lifetime && now >= known.ReadAt)
        {
            return known.Settings;
        }

        var changesBefore = Interlocked.Read(ref changes);
        var settings = await database.ReadAsync(cancellationToken);
        lock (changing)
        {
            if (changes == changesBefore)
            {
                remembered = new Remembered(settings, now);
            }
        }

        return settings;
    }

    public async Task SaveAsync(VotingSettings settings, CancellationToken cancellationToken = default)
    {
        try
        {
            await database.SaveAsync(settings, cancellationToken);
        }
        finally
        {
            lock (changing)
            {
                changes++;
                remembered = null;
            }
        }
    }

    private sealed record Remembered(VotingSettings Settings, DateTimeOffset ReadAt);
}
