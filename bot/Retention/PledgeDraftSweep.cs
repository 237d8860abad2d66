using System.Data.Common;
using PledgeBot.Dialogs.Conversation;
using PledgeBot.Storage;

namespace PledgeBot.Retention;

/// <summary>
/// Every few minutes, removes unfinished pledges (their encrypted first name and email) from the
/// stored state of conversations nobody has written to for longer than
/// <see cref="PledgeDialog.DraftLifetime"/>. The conversation drops an expired draft on its next
/// turn anyway; this sweep is for the people who never come back.
/// </summary>
public sealed class PledgeDraftSweep(IStaleStateCleanup state, TimeProvider clock, ILogger<PledgeDraftSweep> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    // CampaignBot keeps the flow in ConversationState under the type's name.
    private static readonly string DraftPath = $"$.{nameof(ConversationFlow)}.{nameof(ConversationFlow.Pledge)}";

    // Made with the service, so the first round is due one interval after the host starts on its clock.
    private readonly PeriodicTimer timer = new(Interval, clock);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var removed = await state.ClearAsync(DraftPath, clock.GetUtcNow() - PledgeDialog.DraftLifetime, stoppingToken);
                if (removed > 0)
                {
                    logger.LogInformation("Removed {Count} unfinished pledge(s) left for longer than {Minutes} minutes", removed, PledgeDialog.DraftLifetime.TotalMinutes);
                }
            }
            catch (DbException e)
            {
                logger.LogWarning("Unfinished pledges could not be swept ({Code}); the next round tries again", DatabaseErrorCode.Of(e));
            }
        }
    }

    public override void Dispose()
    {
        timer.Dispose();
        base.Dispose();
    }
}
