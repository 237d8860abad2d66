using Microsoft.Extensions.Options;
using PledgeBot.Campaign;
using PledgeBot.Dialogs.Content;
using PledgeBot.Storage;

namespace PledgeBot.Admin.Content;

/// <summary>The answer to a publish: the new running content, every problem, or that someone else published first.</summary>
public abstract record PublishOutcome
{
    public sealed record Published(RunningContent Running) : PublishOutcome;

    public sealed record Refused(IReadOnlyList<string> Problems) : PublishOutcome;

    /// <summary>The draft was based on content that no longer runs; <paramref name="Running"/> does.</summary>
    public sealed record Stale(RunningContent Running) : PublishOutcome;
}

/// <summary>
/// Checks and publishes new campaign content while the bot runs, for the admin API and the admin
/// page alike: the loader's checks and <see cref="ContentChangeRules"/>, every problem at once;
/// then the version is stored (so it survives a restart) and swapped in for the next turn and
/// request. A refused draft stores nothing and the running campaign stays as it was.
/// </summary>
public sealed class ContentPublisher(
    CurrentCampaign campaign,
    IContentVersions versions,
    ContentChangeRules rules,
    IAdminAuditLog audit,
    IOptions<CampaignOptions> options,
    TimeProvider clock,
    ILogger<ContentPublisher> logger)
{
    /// <summary>How problems name what is checked: the draft, wherever it came from.</summary>
    public const string DraftName = "content";

    // One publish at a time in this instance: the check against the running version and the swap
    // must not interleave with another admin's (the database guards across instances).
    private readonly SemaphoreSlim publishing = new(1, 1);

    public async Task<ContentCheck> CheckAsync(string json, CancellationToken cancellationToken)
    {
        var running = campaign.Content;
        var check = CampaignContentLoader.Check(json, CampaignSetup.CampaignFolder(options.Value), DraftName);
        var broken = await rules.CheckAsync(running, json, DraftName, cancellationToken);
        return broken.Count == 0 ? check : ContentCheck.Refused([.. check.Problems, .. broken]);
    }

    /// <param name="basedOn">The ETag of the content the admin started from (null: publish whatever runs now).</param>
    /// <param name="who">The admin, as the audit log names them.</param>
    public async Task<PublishOutcome> PublishAsync(string json, string? basedOn, string who, CancellationToken cancellationToken)
    {
        await publishing.WaitAsync(cancellationToken);
        try
        {
            var running = campaign.Running;
            if (basedOn is not null && basedOn != running.ETag)
            {
                return new PublishOutcome.Stale(running);
            }

            var check = await CheckAsync(json, cancellationToken);
            if (check.Content is null)
            {
                await audit.RecordAsync(who, $"refused content ({check.Problems.Count} problem{(check.Problems.Count == 1 ? "" : "s")})", cancellationToken);
                return new PublishOutcome.Refused(check.Problems);
            }

            var stored = await versions.PublishAsync(running.Version?.Number, json, who, clock.GetUtcNow(), cancellationToken);
            if (stored is null)
            {
                // Another instance published in between; this one still runs what it ran.
                return new PublishOutcome.Stale(running);
            }

            var published = new RunningContent(check.Content, json, new PublishedContentVersion(stored.Number, stored.PublishedAt, stored.PublishedBy));
            campaign.Replace(published);
            await audit.RecordAsync(who, $"published content version {stored.Number}", cancellationToken);
            logger.LogInformation("Campaign content version {Version} published: {Causes} causes", stored.Number, check.Content.Causes.Count);
            return new PublishOutcome.Published(published);
        }
        finally
        {
            publishing.Release();
        }
    }
}
