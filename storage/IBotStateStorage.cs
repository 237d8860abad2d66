using Microsoft.Bot.Builder;

namespace PledgeBot.Storage;

/// <summary>
/// The SDK's conversation and user state (<see cref="IStorage"/>, with ETags) in the campaign
/// database, and the sweep that keeps it from growing for ever.
/// </summary>
public interface IBotStateStorage : IStorage
{
    /// <summary>Deletes the state of every conversation nobody has written to since <paramref name="cutoff"/>; returns how many.</summary>
    Task<int> DeleteNotUpdatedSinceAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default);
}
