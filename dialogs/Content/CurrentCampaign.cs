namespace PledgeBot.Dialogs.Content;

/// <summary>
/// The campaign content that runs now. An admin can publish new content while the bot runs, so
/// nothing keeps a <see cref="CampaignContent"/> of its own: every turn and request reads
/// <see cref="Content"/> once and works with that. A publish swaps the whole running content in
/// one reference write, so a reader sees either the old content or the new, never a mix.
/// </summary>
public sealed class CurrentCampaign(RunningContent initial)
{
    private volatile RunningContent running = initial;

    public CampaignContent Content => running.Content;

    /// <summary>The content with where it came from (the file or a published version) and its text.</summary>
    public RunningContent Running => running;

    public void Replace(RunningContent next) => running = next;
}

/// <summary>
/// Content as it runs: the checked content, the JSON text it was read from, and its published
/// version (null when it is the content file).
/// </summary>
public sealed record RunningContent(CampaignContent Content, string Json, PublishedContentVersion? Version)
{
    /// <summary>Changes whenever different content runs: the version, or the file's text when the file runs.</summary>
    public string ETag => Version is { } version
        ? $"\"v{version.Number}\""
        : $"\"file-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Json)))[..16]}\"";
}

/// <summary>Who published a version of the content, and when.</summary>
public sealed record PublishedContentVersion(long Number, DateTimeOffset PublishedAt, string PublishedBy);
