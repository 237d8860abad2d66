namespace PledgeBot.Bench.LoadTool;

/// <summary>One way of reaching the bot and reading its replies (see <see cref="ChannelMode"/>).</summary>
public interface ITurnChannel
{
    /// <summary>What a person needs before their first turn (a Direct Line conversation); not measured.</summary>
    Task PrepareAsync(Person person, CancellationToken cancellationToken);

    /// <summary>Sends one turn and reads its replies: null when the expected reply came, otherwise what went wrong.</summary>
    Task<string?> SendAsync(Person person, TurnKind kind, Turn turn, CancellationToken cancellationToken);
}
