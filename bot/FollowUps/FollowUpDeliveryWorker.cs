using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using PledgeBot.Dialogs.FollowUps;
using PledgeBot.Storage;
using PledgeBot.Telemetry;

namespace PledgeBot.FollowUps;

/// <summary>
/// Sends the follow-ups. It adds the automatic ones whose moment has come, queues every update that
/// is due (one delivery per subscribed person in its audience), and works each lane (a Teams
/// tenant, or email) on its own, so that tenants go in parallel, each at its own limit: a lane
/// claims a batch, sends it with a bounded number on their way at once, and records each outcome
/// as soon as it is known. Woken when an update is added; otherwise it looks every few seconds
/// (a scheduled update, a retry, another instance's expired claims).
/// </summary>
/// <remarks>
/// At least once, never twice in the ordinary run: an outcome is written the moment the channel
/// answers, and a delivery is claimed by one instance at a time. Only a crash between the channel's
/// acceptance and that write leaves a delivery claimed and unrecorded; it is sent again once its
/// claim runs out (FollowUps:ClaimLeaseSeconds), so that person may get that one update twice
/// (Teams takes no idempotency key). A stop asked for (SIGTERM) stops claiming and lets the
/// messages already on their way finish and be recorded.
/// </remarks>
public sealed class FollowUpDeliveryWorker(
    IFollowUpQueue queue,
    FollowUpTriggers triggers,
    FollowUpComposer composer,
    IEnumerable<IFollowUpDelivery> deliveries,
    FollowUpSignal signal,
    BotMetrics metrics,
    IOptions<FollowUpOptions> options,
    TimeProvider clock,
    ILogger<FollowUpDeliveryWorker> logger) : BackgroundService
{
    public static readonly TimeSpan LookInterval = TimeSpan.FromSeconds(5);

    private readonly Dictionary<FollowUpRoute, IFollowUpDelivery> routes = deliveries.ToDictionary(d => d.Route);
    private readonly ConcurrentDictionary<string, Task> runningLanes = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await triggers.CheckAsync(stoppingToken);
                await queue.QueueDueAsync(clock.GetUtcNow(), stoppingToken);
                foreach (var lane in await queue.DueLanesAsync(clock.GetUtcNow(), stoppingToken))
                {
                    StartLane(lane, stoppingToken);
                }
            }
            catch (Exception problem) when (problem is not OperationCanceledException)
            {
                // The database itself failed (locked, restarting); look again later.
                logger.LogWarning("Follow-ups could not be queued: {ErrorType}", problem.GetType().Name);
            }

            await signal.WaitAsync(LookInterval, clock, stoppingToken);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // The lanes stop claiming at once; what is on its way finishes and is recorded.
        try
        {
            await Task.WhenAll(runningLanes.Values).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host's time to stop ran out: what was not recorded comes back when its claim runs out.
        }
    }

    private void StartLane(string lane, CancellationToken stoppingToken)
    {
        if (runningLanes.ContainsKey(lane))
        {
            return;
        }

        var run = new TaskCompletionSource();
        if (!runningLanes.TryAdd(lane, run.Task))
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await SendLaneAsync(lane, stoppingToken);
            }
            catch (Exception problem) when (problem is not OperationCanceledException)
            {
                logger.LogWarning("A follow-up lane stopped: {ErrorType}", problem.GetType().Name);
            }
            catch (OperationCanceledException)
            {
            }
            finally
            {
                runningLanes.TryRemove(lane, out _);
                run.SetResult();
            }
        }, CancellationToken.None);
    }

    private async Task SendLaneAsync(string lane, CancellationToken stoppingToken)
    {
        var inFlight = lane == FollowUpQueueNames.LaneOf(FollowUpRoute.Email, null) ? options.Value.EmailsInFlight : options.Value.InFlightPerLane;
        var lease = TimeSpan.FromSeconds(options.Value.ClaimLeaseSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            var batch = await queue.ClaimAsync(lane, clock.GetUtcNow(), inFlight, lease, stoppingToken);
            if (batch.Count == 0)
            {
                return;
            }

            // Not the stopping token: a message already claimed is sent and recorded, so that a stop leaves nothing in doubt.
            await Parallel.ForEachAsync(
                batch,
                new ParallelOptions { MaxDegreeOfParallelism = inFlight },
                async (recipient, _) => await DeliverAsync(recipient));
        }
    }

    private async Task DeliverAsync(DueFollowUp recipient)
    {
        FollowUpOutcome outcome;
        try
        {
            outcome = !recipient.StillSubscribed ? new FollowUpOutcome(FollowUpDeliveryStatus.Skipped, "no longer opted in")
                : recipient.Route is not { } route || !routes.TryGetValue(route, out var delivery) ? new FollowUpOutcome(FollowUpDeliveryStatus.Failed, "no way to reach this route")
                : await delivery.DeliverAsync(recipient, await composer.ComposeAsync(recipient, CancellationToken.None), CancellationToken.None);
        }
        catch (Exception problem)
        {
            // A fault of ours or of a store, not the channel's answer: tried again later like a busy channel.
            logger.LogWarning("A follow-up could not be sent: {ErrorType}", problem.GetType().Name);
            outcome = FollowUpRetry.After(recipient.Attempts + 1, options.Value.MaxAttempts, problem.GetType().Name, null, clock.GetUtcNow());
        }

        await queue.RecordAsync(recipient.UpdateId, recipient.PersonKey, outcome, clock.GetUtcNow(), CancellationToken.None);
        metrics.FollowUpDelivered(
            recipient.Route is { } sentBy ? FollowUpNames.Of(sentBy) : "none",
            outcome.Status == FollowUpDeliveryStatus.Pending ? "retry" : FollowUpQueueNames.Of(outcome.Status));
    }
}
