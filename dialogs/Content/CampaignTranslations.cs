using System.Globalization;
using PledgeBot.Dialogs.Languages;

namespace PledgeBot.Dialogs.Content;

/// <summary>
/// The campaign in each language its content file offers, default language first. Every
/// translated <see cref="CampaignContent"/> is complete: a text the translation leaves out is the
/// default language's text, so no card is ever empty for want of a translation.
/// All the language versions of one content share this one object.
/// </summary>
public sealed class CampaignTranslations
{
    private readonly Dictionary<string, CampaignContent> byLanguage = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> languages = [];
    private readonly List<TranslationStatus> statuses = [];

    /// <summary>Language codes the campaign is offered in, the default first.</summary>
    public IReadOnlyList<string> Languages => languages;

    /// <summary>What each translation lacks and whether a native speaker reviewed it, for the validation's report.</summary>
    public IReadOnlyList<TranslationStatus> Statuses => statuses;

    internal void Add(CampaignContent content, TranslationStatus? status)
    {
        byLanguage[content.Language] = content;
        languages.Add(content.Language);
        if (status is not null)
        {
            statuses.Add(status);
        }
    }

    /// <summary>The content in <paramref name="language"/>, or null when the campaign is not offered in it.</summary>
    internal CampaignContent? In(CultureInfo language) => byLanguage.GetValueOrDefault(language.Name);
}

/// <summary>One translation's state: the texts that fall back to the default language, and whether a native speaker has reviewed it.</summary>
/// <param name="Missing">Where each missing text belongs, as the content file names it ("cause 'yemen-crisis': story").</param>
public sealed record TranslationStatus(string Language, bool ReviewedByNativeSpeaker, IReadOnlyList<string> Missing)
{
    /// <summary>One line for the validation's report, naming the language in English and in itself.</summary>
    public string Describe(string defaultLanguage)
    {
        var culture = CultureInfo.GetCultureInfo(Language);
        var name = $"{Language} ({culture.EnglishName}, {culture.NativeName})";
        var review = ReviewedByNativeSpeaker ? "reviewed by a native speaker" : "not yet reviewed by a native speaker";
        return Missing.Count == 0
            ? $"{name}: complete, {review}"
            : $"{name}: {review}; {Missing.Count} text{(Missing.Count == 1 ? "" : "s")} missing, shown in {defaultLanguage} instead: {string.Join("; ", Missing)}";
    }
}
