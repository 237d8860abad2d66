using PledgeBot.Dialogs.Words;
using PledgeBot.Storage;

namespace PledgeBot.Dialogs.Results;

/// <summary>Whether voting is closed and whether supporters may see the tallies, right now.</summary>
/// <param name="TalliesHidden">True only while voting is open: once it closes, the final results are shown to everyone.</param>
public sealed record VotingStatus(bool IsClosed, bool TalliesHidden, DateTimeOffset? ClosesAt)
{
    public static string TalliesHiddenNotice => BotWords.TalliesHiddenNotice;

    public static string ClosedNotice => BotWords.VotingClosedNotice;

    public static readonly VotingStatus Open = new(false, false, null);
}

/// <summary>
/// The admins' voting controls (<see cref="IVotingControls"/>) evaluated against the clock, so that
/// a scheduled close takes effect the moment it passes, on every instance, with no job to run it.
/// </summary>
public sealed class VotingStatusReader(IVotingControls controls, TimeProvider clock)
{
    public async Task<VotingStatus> ReadAsync(CancellationToken cancellationToken)
    {
        var settings = await controls.ReadAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return new VotingStatus(settings.IsClosedAt(now), settings.TalliesHiddenAt(now), settings.ClosesAt);
    }
}
