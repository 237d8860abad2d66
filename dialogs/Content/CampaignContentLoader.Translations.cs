using System.Globalization;
using PledgeBot.Dialogs.Languages;

namespace PledgeBot.Dialogs.Content;

// The content file's "translations": per language, the same texts as the campaign and its causes
// (causes named by id), any of them left out. A translation follows the default text's rules
// (lengths, fact count), except that a story may use more words, as most languages need more
// than English for the same story.
public static partial class CampaignContentLoader
{
    public const int MaxTranslatedStoryWords = 200;

    private static string? DefaultLanguage(string? value, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return CampaignLanguages.English;
        }

        if (CampaignLanguages.Match(value) is { } language && string.Equals(language.Name, value.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return language.Name;
        }

        problems.Add($"campaign: field 'defaultLanguage' must be one of the bot's languages ({SupportedList}) (got '{value}')");
        return null;
    }

    private static string SupportedList => string.Join(", ", CampaignLanguages.Supported.Select(l => l.Name));

    private static CampaignContent? WithTranslations(CampaignContent content, Dictionary<string, TranslationEntry?>? translations, List<string> problems)
    {
        var all = new CampaignTranslations();
        var versions = new List<(CampaignContent Content, TranslationStatus Status)>();
        foreach (var (code, entry) in translations ?? [])
        {
            var where = $"translations '{code}'";
            if (!CampaignLanguages.IsSupported(code))
            {
                problems.Add($"{where}: '{code}' is not one of the bot's languages ({SupportedList}); the bot's own words exist only in those");
                continue;
            }

            if (string.Equals(code, content.DefaultLanguage, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{where}: '{code}' is the default language, whose texts are the campaign's own fields");
                continue;
            }

            if (entry is null)
            {
                continue;
            }

            var missing = new List<string>();
            var translated = Translate(content, CampaignLanguages.Get(code).Name, entry, where, missing, problems);
            versions.Add((translated with { Translations = all }, new TranslationStatus(translated.Language, entry.ReviewedByNativeSpeaker ?? false, missing)));
        }

        if (problems.Count > 0)
        {
            return null;
        }

        var original = content with { Translations = all };
        all.Add(original, status: null);
        foreach (var (version, status) in versions.OrderBy(v => CampaignLanguages.Supported.ToList().FindIndex(l => l.Name == v.Content.Language)))
        {
            all.Add(version, status);
        }

        return original;
    }

    private static CampaignContent Translate(CampaignContent content, string language, TranslationEntry entry, string where, List<string> missing, List<string> problems)
    {
        foreach (var unknown in (entry.Causes ?? []).Keys.Where(id => content.FindCause(id) is null))
        {
            problems.Add($"{where}: cause '{unknown}' is not one of the campaign's causes");
        }

        var causes = content.Causes.Select(cause => TranslateCause(cause, entry.Causes?.GetValueOrDefault(cause.Id), where, missing, problems)).ToList();
        return content with
        {
            Language = language,
            Title = Text(entry.Title, content.Title, where, "title", MaxTitleLength, missing, problems),
            Intro = Text(entry.Intro, content.Intro, where, "intro", 600, missing, problems),
            PrivacyStatement = Text(entry.PrivacyStatement, content.PrivacyStatement, where, "privacyStatement", 600, missing, problems),
            Causes = causes,
        };
    }

    private static Cause TranslateCause(Cause cause, CauseTranslationEntry? entry, string language, List<string> missing, List<string> problems)
    {
        var where = $"{language}, cause '{cause.Id}'";
        entry ??= new CauseTranslationEntry(null, null, null, null, null, null, null);
        var story = Text(entry.Story, cause.Story, where, "story", 3000, missing, problems);
        if (entry.Story is not null && CountWords(story) > MaxTranslatedStoryWords)
        {
            problems.Add($"{where}: field 'story' has {CountWords(story)} words; keep a translated story to {MaxTranslatedStoryWords} or fewer");
        }

        return cause with
        {
            Title = Text(entry.Title, cause.Title, where, "title", MaxTitleLength, missing, problems),
            Summary = Text(entry.Summary, cause.Summary, where, "summary", MaxSummaryLength, missing, problems),
            Story = story,
            KeyFacts = Facts(entry.KeyFacts, cause.KeyFacts, where, missing, problems),
            Image = cause.Image with { AltText = Text(entry.Image?.AltText, cause.Image.AltText, where, "image.altText", 250, missing, problems) },
            VoteCallToAction = Text(entry.VoteCallToAction, cause.VoteCallToAction, where, "voteCallToAction", 200, missing, problems),
            Pledge = cause.Pledge is null ? null : cause.Pledge with
            {
                Title = Text(entry.Pledge?.Title, cause.Pledge.Title, where, "pledge.title", MaxTitleLength, missing, problems),
                Text = Text(entry.Pledge?.Text, cause.Pledge.Text, where, "pledge.text", 400, missing, problems),
            },
        };
    }

    /// <summary>The translated text, or the default language's when the translation leaves it out (noted as missing).</summary>
    private static string Text(string? translated, string fallback, string where, string field, int maxLength, List<string> missing, List<string> problems)
    {
        var trimmed = translated?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            missing.Add(MissingName(where, field));
            return fallback;
        }

        if (trimmed.Length > maxLength)
        {
            problems.Add($"{where}: field '{field}' is longer than {maxLength} characters");
            return fallback;
        }

        return trimmed;
    }

    private static IReadOnlyList<string> Facts(List<string?>? translated, IReadOnlyList<string> fallback, string where, List<string> missing, List<string> problems)
    {
        if (translated is null || translated.Count == 0)
        {
            missing.Add(MissingName(where, "keyFacts"));
            return fallback;
        }

        if (translated.Count != fallback.Count)
        {
            problems.Add($"{where}: field 'keyFacts' has {translated.Count} facts; the default language has {fallback.Count}, and each fact needs its translation");
            return fallback;
        }

        return translated.Select((fact, i) => Text(fact, fallback[i], where, $"keyFacts[{i}]", MaxFactLength, missing, problems)).ToList();
    }

    // "translations 'fr', cause 'x'" reads well in a problem; in the list of what is missing, the language is said once already.
    private static string MissingName(string where, string field)
    {
        var cause = where.IndexOf("cause '", StringComparison.Ordinal);
        return cause < 0 ? field : $"{where[cause..]}: {field}";
    }

    private sealed record TranslationEntry(
        bool? ReviewedByNativeSpeaker, string? Title, string? Intro, string? PrivacyStatement, Dictionary<string, CauseTranslationEntry?>? Causes);

    private sealed record CauseTranslationEntry(
        string? Title, string? Summary, string? Story, List<string?>? KeyFacts, TranslatedImage? Image, string? VoteCallToAction, TranslatedPledge? Pledge);

    private sealed record TranslatedImage(string? AltText);

    private sealed record TranslatedPledge(string? Title, string? Text);
}
