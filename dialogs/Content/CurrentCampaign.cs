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

    /// <summary>
    /// The running content in the language of the supporter being served (see
    /// <see cref="Languages.SupporterLanguage"/>), or in the default language for work that serves
    /// no supporter (admin, exports, CRM deliveries).
    /// </summary>
    public CampaignContent Content => running.Content.In(Languages.SupporterLanguage.Current);

    /// <summary>The content with where it came from (the file or a published version) and its text.</summary>
    public RunningContent Running => running;

    public void Replace(RunningContent next) => running = next;
}

/// <summary>
/// Content as it runs: the checked content (in its default language; its other languages through
/// <see cref="CampaignContent.In"/>), the JSON text it was read from, and its published
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
