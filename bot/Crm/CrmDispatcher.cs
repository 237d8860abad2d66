using Microsoft.Extensions.Options;
using PledgeBot.Storage;

namespace PledgeBot.Crm;

/// <summary>
/// Delivers the CRM outbox to every configured destination. One loop gives new outbox records
/// their deliveries (woken by the stores' signal, or every few seconds: another process may have
/// written one) and clears erased emails no CRM still needs; each destination then works through
/// its own due deliveries, at most its <see cref="ICrmDestination.MaxInFlight"/> at once, so a
/// slow or failing CRM never holds up another. Everything is in the database: a restart picks up
/// where the last run stopped, and a delivery cut off by a crash is simply made again.
/// </summary>
/// <remarks>
/// Logs name the destination, the event, the attempt and the status, never a name, an address or
/// a record id (which would link a log line to a person's pledge).
/// </remarks>
public sealed class CrmDispatcher(
    ICrmDeliveries deliveries,
    CrmOutboxSignal outboxSignal,
    CrmDestinations configured,
    IOptions<CrmOptions> options,
    TimeProvider clock,
    ILogger<CrmDispatcher> logger) : BackgroundService
{
    /// <summary>How often the outbox is looked at without a signal.</summary>
    public static readonly TimeSpan LookInterval = TimeSpan.FromSeconds(5);

    private readonly IReadOnlyList<ICrmDestination> destinations = configured.All;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var names = destinations.Select(d => d.Name).ToArray();
        var signals = destinations.Select(_ => new CrmDestinationSignal()).ToArray();
        var working = destinations.Select((destination, i) => RunDestinationAsync(destination, signals[i], stoppingToken)).ToArray();
        long preparedUpTo = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                preparedUpTo = await deliveries.PrepareAsync(names, preparedUpTo, stoppingToken);
                foreach (var signal in signals)
                {
                    signal.Pulse();
                }
            }
            catch (Exception problem) when (problem is not OperationCanceledException)
            {
                logger.LogWarning("The CRM outbox could not be read: {ErrorType}", problem.GetType().Name);
            }

            await outboxSignal.WaitAsync(LookInterval, clock, stoppingToken);
        }

        await Task.WhenAll(working);
    }

    private async Task DeliverAsync(ICrmDestination destination, DueCrmDelivery delivery, CancellationToken cancellationToken)
    {
        if (WhyNothingToSend(delivery) is { } nothing)
        {
            await deliveries.MarkSkippedAsync(delivery, nothing, clock.GetUtcNow(), cancellationToken);
            return;
        }

        var attempt = delivery.Attempts + 1;
        try
        {
            var result = await destination.DeliverAsync(delivery, delivery.Supporter!, cancellationToken);
            if (result.SkippedBecause is { } reason)
            {
                await deliveries.MarkSkippedAsync(delivery, reason, clock.GetUtcNow(), cancellationToken);
                return;
            }

            await deliveries.MarkDeliveredAsync(delivery, result.Status ?? 200, clock.GetUtcNow(), cancellationToken);
            logger.LogInformation("CRM {Destination} took {Event} (attempt {Attempt})", destination.Name, delivery.Event, attempt);
        }
        catch (Exception problem) when (!cancellationToken.IsCancellationRequested)
        {
            var failure = problem as CrmDeliveryException ?? CrmHttpAnswers.Unanswered(problem);
            var now = clock.GetUtcNow();
            var giveUp = failure.Permanent || attempt >= options.Value.MaxAttempts;
            DateTimeOffset? next = giveUp ? null : now + CrmRetry.NextAttemptDelay(attempt, failure.RetryAfter);
            await deliveries.MarkFailedAsync(delivery, failure.Status, failure.Reason, now, next, cancellationToken);
            if (giveUp)
            {
                logger.LogWarning(
                    "CRM {Destination} delivery of {Event} dead-lettered after attempt {Attempt}: {Status} {Reason}",
                    destination.Name, delivery.Event, attempt, failure.Status, failure.Reason);
            }
            else
            {
                logger.LogInformation(
                    "CRM {Destination} delivery of {Event} failed (attempt {Attempt}), trying again later: {Status} {Reason}",
                    destination.Name, delivery.Event, attempt, failure.Status, failure.Reason);
            }
        }
    }

    /// <summary>
    /// Why a record needs no call at all, whichever CRM it is for: only pledges whose contact
    /// consent stands are sent, and a withdrawal or an erasure is news only to a CRM that heard of
    /// the pledge.
    /// </summary>
    private static string? WhyNothingToSend(DueCrmDelivery delivery) => delivery switch
    {
        { Supporter: null, Event: CrmEvents.SupporterErased } => "nothing left to erase",
        { Supporter: null } => "pledge erased since",
        { Event: CrmEvents.SupporterErased or CrmEvents.ContactWithdrawn, ToldBefore: false } => "never sent there",
        { Event: CrmEvents.PledgeCreated or CrmEvents.PledgeConfirmed, Supporter.ContactWithdrawnAt: not null } => "contact withdrawn since",
        _ => null,
    };

    /// <summary>
    /// One destination's loop: keeps up to its in-flight limit of deliveries going, starting the
    /// next due one as soon as any finishes, so a call that hangs until its timeout holds up only
    /// its own slot. Due deliveries are read a few slots' worth at a time and queued here; a
    /// pledge's later records are not due until its earlier one is finished, so the queue never
    /// holds two of one pledge.
    /// </summary>
    private async Task RunDestinationAsync(ICrmDestination destination, QueueSignal signal, CancellationToken stoppingToken)
    {
        var queued = new Queue<DueCrmDelivery>();
        var running = new Dictionary<string, Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var wait = LookInterval;
                try
                {
                    foreach (var finished in running.Where(r => r.Value.IsCompleted).Select(r => r.Key).ToList())
                    {
                        running.Remove(finished);
                    }

                    if (queued.Count == 0 && running.Count < destination.MaxInFlight)
                    {
                        var due = await deliveries.ReadDueAsync(destination.Name, clock.GetUtcNow(), (destination.MaxInFlight * 4) + running.Count, stoppingToken);
                        foreach (var delivery in due.Where(d => !running.ContainsKey(d.RecordId)))
                        {
                            queued.Enqueue(delivery);
                        }
                    }

                    while (running.Count < destination.MaxInFlight && queued.TryDequeue(out var next))
                    {
                        running[next.RecordId] = DeliverThenWakeAsync(destination, next, signal, stoppingToken);
                    }

                    // With deliveries under way, each one's end wakes this loop; otherwise sleep until the next retry is due.
                    if (running.Count == 0 && await deliveries.NextDueAtAsync([destination.Name], stoppingToken) is { } nextDue)
                    {
                        wait = TimeSpan.FromTicks(Math.Clamp((nextDue - clock.GetUtcNow()).Ticks, 0, LookInterval.Ticks));
                    }
                }
                catch (Exception problem) when (problem is not OperationCanceledException)
                {
                    logger.LogWarning("CRM {Destination} deliveries could not be read: {ErrorType}", destination.Name, problem.GetType().Name);
                }

                if (wait > TimeSpan.Zero)
                {
                    await signal.WaitAsync(wait, clock, stoppingToken);
                }
            }
        }
        finally
        {
            // Calls under way at shutdown are cancelled; what they did not record is made again at the next start.
            await Task.WhenAll(running.Values).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task DeliverThenWakeAsync(ICrmDestination destination, DueCrmDelivery delivery, QueueSignal signal, CancellationToken cancellationToken)
    {
        try
        {
            await DeliverAsync(destination, delivery, cancellationToken);
        }
        catch (Exception problem) when (problem is not OperationCanceledException)
        {
            // The outcome could not be recorded (the database failed): the delivery is still
            // pending, and is made again when the outbox can be read.
            logger.LogWarning("CRM {Destination} delivery outcome could not be recorded: {ErrorType}", destination.Name, problem.GetType().Name);
        }
        finally
        {
            signal.Pulse();
        }
    }

    private sealed class CrmDestinationSignal : QueueSignal;
}
