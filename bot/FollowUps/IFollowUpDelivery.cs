using PledgeBot.Dialogs.FollowUps;
using PledgeBot.Storage;

namespace PledgeBot.FollowUps;

/// <summary>
/// One route a follow-up can take to a person (a Teams personal chat, or email): it sends one
/// message to one claimed recipient and says what became of it, as the queue records it.
/// </summary>
public interface IFollowUpDelivery
{
    FollowUpRoute Route { get; }

    /// <summary>
    /// Sends <paramref name="message"/> to <paramref name="recipient"/>. Every answer of the channel
    /// is an outcome (sent; pending with a time to retry; failed with a short fixed reason; blocked);
    /// only a cancelled <paramref name="cancellationToken"/> throws.
    /// </summary>
    Task<FollowUpOutcome> DeliverAsync(DueFollowUp recipient, FollowUpMessage message, CancellationToken cancellationToken);
}
