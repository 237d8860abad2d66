using System.Data.Common;
using PledgeBot.Storage;

namespace PledgeBot.Retention;

/// <summary>
/// At start and then once a day, takes the personal data of the campaign's pledges and votes once
/// the retention period after the campaign's end has passed. New pledges after that (the bot keeps
/// running) are taken on the next day's round.
/// </summary>
public sealed class DataRetentionJob(RetentionSchedule schedule, IRetentionStore store, TimeProvider clock, ILogger<DataRetentionJob> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromDays(1);

    // Made with the service rather than when ExecuteAsync gets going, so that the first day counts
    // from the start of the host on whatever clock it runs.
    private readonly PeriodicTimer daily = new(Interval, clock);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        do
        {
            await RunOnceAsync(stoppingToken);
        }
        while (await daily.WaitForNextTickAsync(stoppingToken));
    }

    public override void Dispose()
    {
        daily.Dispose();
        base.Dispose();
    }

    private async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        if (!schedule.IsDue(clock.GetUtcNow()))
        {
            return;
        }

        try
        {
            var taken = await store.ApplyAsync(schedule.CampaignId, stoppingToken);
            if (!taken.NothingFound)
            {
                logger.LogInformation(
                    "Data retention: removed the personal data of {Pledges} pledge(s), {ConsentRecords} consent record(s) and the person keys of {Votes} vote(s) of campaign {Campaign}",
                    taken.PledgeCount, taken.ConsentRecordCount, taken.Votes, schedule.CampaignId);
            }
        }
        catch (DbException e)
        {
            // A busy or broken database must not stop the host; tomorrow's round tries again.
            logger.LogWarning("Data retention could not run ({Code}); it is tried again in a day", DatabaseErrorCode.Of(e));
        }
    }
}
