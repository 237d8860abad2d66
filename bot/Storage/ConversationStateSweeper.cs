using System.Data.Common;
using Microsoft.Extensions.Options;

namespace PledgeBot.Storage;

/// <summary>
/// At start and every hour, deletes conversation state nobody has touched for
/// Storage:ConversationStateDays. A person who leaves a pledge half-way never comes back to say
/// so; without this their first name and email, and every abandoned chat's row, would stay for ever.
/// </summary>
public sealed class ConversationStateSweeper(
    IBotStateStorage state,
    IOptions<StorageOptions> options,
    TimeProvider clock,
    ILogger<ConversationStateSweeper> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var keepFor = TimeSpan.FromDays(options.Value.ConversationStateDays);
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                var deleted = await state.DeleteNotUpdatedSinceAsync(clock.GetUtcNow() - keepFor, stoppingToken);
                if (deleted > 0)
                {
                    logger.LogInformation("Deleted the state of {Count} conversations idle for {Days} days", deleted, options.Value.ConversationStateDays);
                }
            }
            catch (DbException e)
            {
                // The next sweep tries again; health reports a database that cannot be written.
                logger.LogWarning("Could not delete idle conversation state ({Code})", DatabaseErrorCode.Of(e));
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
