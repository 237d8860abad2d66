using System.Threading.Channels;

namespace PledgeBot.Storage;

/// <summary>
/// Wakes a background worker when something was queued for it, so the work starts within moments
/// instead of at the worker's next periodic look. Pulses while nobody waits are folded into one:
/// the worker reads everything due when it wakes anyway.
/// </summary>
public abstract class QueueSignal
{
    private readonly Channel<bool> pulses = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Pulse() => pulses.Writer.TryWrite(true);

    /// <summary>Returns at the next pulse, or when <paramref name="timeout"/> has passed on <paramref name="clock"/>.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(timeout, clock);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, cancellationToken);
        try
        {
            await pulses.Reader.ReadAsync(either.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The timeout: time for the periodic look.
        }
    }
}

/// <summary>Pulsed when a pledge queues a confirmation email.</summary>
public sealed class ConfirmationEmailSignal : QueueSignal;

/// <summary>Pulsed when a change was written to the CRM outbox (a pledge stored, confirmed, withdrawn or erased).</summary>
public sealed class CrmOutboxSignal : QueueSignal;

/// <summary>Pulsed when a follow-up was added (a campaign manager's update, voting closed, a goal reached), so its sending starts at once.</summary>
public sealed class FollowUpSignal : QueueSignal;
