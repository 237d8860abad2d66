using Microsoft.Extensions.Options;
using PledgeBot.Dialogs.Content;
using PledgeBot.Storage;

namespace PledgeBot.Campaign;

/// <summary>
/// Brings in content that another instance published (or went back to the file from): an admin's
/// publish swaps the content at once on the instance that took it, and every other instance on
/// the same database runs it within <see cref="LookEvery"/>. On one instance it finds nothing new.
/// </summary>
public sealed class PublishedContentFollower(
    CurrentCampaign campaign,
    IContentVersions versions,
    IOptions<CampaignOptions> options,
    TimeProvider clock,
    ILogger<PublishedContentFollower> logger) : BackgroundService
{
    public static readonly TimeSpan LookEvery = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(LookEvery, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var stored = await versions.ReadRunningAsync(stoppingToken);
                if (stored?.Number == campaign.Running.Version?.Number)
                {
                    continue;
                }

                campaign.Replace(StartingContent.From(CampaignSetup.ContentFilePath(options.Value), stored, logger));
            }
            catch (InvalidCampaignContentException)
            {
                // Checked when it was published; here only this instance's images can differ. Keep running what runs.
                logger.LogWarning("Content another instance published does not pass this instance's checks; this instance keeps its content");
            }
            catch (Exception problem) when (problem is System.Data.Common.DbException or IOException)
            {
                logger.LogWarning("Could not look for newly published content: {ErrorType}", problem.GetType().Name);
            }
        }
    }
}
