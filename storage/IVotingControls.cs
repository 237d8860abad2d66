namespace PledgeBot.Storage;

/// <summary>
/// The campaign managers' voting controls, kept in the database so that they survive a restart and
/// every instance of the bot sees the same. The bot keeps what it read for at most a second
/// (RecentVotingControls in dialogs/Results), forgetting it when an admin saves on that instance:
/// a close takes effect on that instance's next turn and on every other within a second.
/// </summary>
public interface IVotingControls
{
    Task<VotingSettings> ReadAsync(CancellationToken cancellationToken = default);

    Task SaveAsync(VotingSettings settings, CancellationToken cancellationToken = default);
}

/// <param name="ClosedNow">Closed by an admin, whatever <paramref name="ClosesAt"/> says.</param>
/// <param name="ClosesAt">A scheduled close: from this moment voting is closed (null: none scheduled).</param>
/// <param name="HideTalliesUntilClosed">Supporters see no per-cause counts while voting is open.</param>
public sealed record VotingSettings(bool ClosedNow, DateTimeOffset? ClosesAt, bool HideTalliesUntilClosed)
{
    /// <summary>What a campaign starts with: open, no close scheduled, tallies shown.</summary>
    public static readonly VotingSettings Default = new(false, null, false);

    /// <summary>Evaluated against the clock, so a scheduled close needs no job to take effect.</summary>
    public bool IsClosedAt(DateTimeOffset now) => ClosedNow || ClosesAt <= now;

    public bool TalliesHiddenAt(DateTimeOffset now) => HideTalliesUntilClosed && !IsClosedAt(now);
}
