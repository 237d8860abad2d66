using System.Globalization;
using PledgeBot.Dialogs.Content;
using PledgeBot.Storage;

namespace PledgeBot.Campaign;

/// <summary>
/// Chooses the content the bot starts with: the newest published version in the database, or the
/// content file when nothing was published (or the operator went back to the file). Either is
/// checked again, because what it relies on (its images) lives outside the database.
/// </summary>
public static class StartingContent
{
    public const string UseFileHint =
        "To run the content file instead, run: dotnet run --project bot -- content use-file (with the same Storage:DataDirectory), then start the bot again.";

    public static RunningContent Load(string contentFile, IContentVersions versions, ILogger logger) =>
        From(contentFile, versions.ReadRunningAsync().GetAwaiter().GetResult(), logger);

    /// <summary>The content file when <paramref name="published"/> is null, else that version, checked.</summary>
    public static RunningContent From(string contentFile, StoredContentVersion? published, ILogger logger)
    {
        if (published is null)
        {
            var content = CampaignContentLoader.Load(contentFile);
            logger.LogInformation("Campaign content: the content file {File}", Path.GetFileName(contentFile));
            return new RunningContent(content, File.ReadAllText(contentFile), Version: null);
        }

        var check = CampaignContentLoader.Check(published.Json, Path.GetDirectoryName(contentFile)!, $"published content version {published.Number}");
        if (check.Content is null)
        {
            // Said as plainly as a broken file, with the way back to the file, since the admin page cannot open.
            throw new InvalidCampaignContentException(
                string.Create(CultureInfo.InvariantCulture, $"Published content version {published.Number} (published {published.PublishedAt:yyyy-MM-dd HH:mm} UTC) has {check.Problems.Count} problem(s):")
                + string.Concat(check.Problems.Select(p => $"{Environment.NewLine}  - {p}"))
                + Environment.NewLine + UseFileHint);
        }

        logger.LogInformation("Campaign content: published version {Version} of {PublishedAt:O}", published.Number, published.PublishedAt);
        return new RunningContent(check.Content, published.Json, new PublishedContentVersion(published.Number, published.PublishedAt, published.PublishedBy));
    }
}
