namespace PledgeBot.Dialogs.Content;

/// <summary>
/// The outcome of checking campaign content: the content when it can be used, otherwise every
/// problem found, each naming the file, the cause and the field.
/// </summary>
public sealed record ContentCheck(CampaignContent? Content, IReadOnlyList<string> Problems)
{
    public bool IsValid => Content is not null;

    /// <summary>One line per translation: what it lacks (shown in the default language instead) and whether a native speaker reviewed it. Not problems: content with gaps still runs.</summary>
    public IReadOnlyList<string> TranslationReport =>
        Content?.Translations.Statuses.Select(s => s.Describe(Content.DefaultLanguage)).ToList() ?? [];

    public static ContentCheck Refused(IReadOnlyList<string> problems) => new(null, problems);
}
