using System.Threading.Channels;

namespace PledgeBot.Storage;

/// <summary>
/// Wakes the confirmation email sender when a pledge queues an email, so it goes out within
/// moments instead of at the sender's next periodic look. Pulses while nobody waits are folded
/// into one: the sender reads every due row when it wakes anyway.
/// </summary>
public sealed class ConfirmationEmailSignal
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
