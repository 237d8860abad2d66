using System.Text.Json;
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

    private static CampaignContent? WithTranslations(CampaignContent content, JsonElement? translations, List<string> problems)
    {
        var all = new CampaignTranslations();
        var versions = new List<(CampaignContent Content, TranslationStatus Status)>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (code, value) in Entries(translations, problems))
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

            if (!seen.Add(code))
            {
                problems.Add($"{where}: the language is translated twice; keep one translation per language");
                continue;
            }

            if (ReadEntry(value, where, problems) is not { } entry)
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

    /// <summary>The languages of "translations", each with its texts; read as JSON elements so that a value of the wrong kind is a problem that names it, not a parse failure of the whole file.</summary>
    private static IEnumerable<(string Code, JsonElement Value)> Entries(JsonElement? translations, List<string> problems)
    {
        if (translations is not { } element || element.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"campaign: field 'translations' must be an object with one entry per language, like {{ \"fr\": {{ ... }} }} (got {KindOf(element)})");
            return [];
        }

        return element.EnumerateObject().Select(p => (p.Name.Trim(), p.Value)).ToList();
    }

    private static TranslationEntry? ReadEntry(JsonElement value, string where, List<string> problems)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{where}: must be an object with the language's texts, like {{ \"title\": \"...\" }} (got {KindOf(value)})");
            return null;
        }

        try
        {
            return value.Deserialize<TranslationEntry>(ReadOptions);
        }
        catch (JsonException e)
        {
            problems.Add($"{where}: {WrongKind(e.Path)}");
            return null;
        }
    }

    // The parser names where it stopped as a JSON path ("$.causes['yemen-crisis'].keyFacts[1]"); the problem names the field as the file does.
    private static string WrongKind(string? path)
    {
        var field = (path ?? "$").TrimStart('$').TrimStart('.').Replace("['", ".", StringComparison.Ordinal).Replace("']", "", StringComparison.Ordinal);
        var kinds = "texts are strings in quotes, 'reviewedByNativeSpeaker' is true or false, 'keyFacts' a list of texts, and 'causes', 'image' and 'pledge' are objects";
        return field.Length == 0
            ? $"a value has the wrong kind ({kinds})"
            : $"field '{field}' has the wrong kind of value ({kinds})";
    }

    private static string KindOf(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.Array => "a list",
        JsonValueKind.True or JsonValueKind.False => "true or false",
        JsonValueKind.Null => "null",
        _ => "an object",
    };

    private static CampaignContent Translate(CampaignContent content, string language, TranslationEntry entry, string where, List<string> missing, List<string> problems)
    {
        // Cause ids are matched as FindCause matches them, so "Yemen-Crisis" translates yemen-crisis rather than being ignored.
        var byCause = new Dictionary<string, CauseTranslationEntry?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, causeEntry) in entry.Causes ?? [])
        {
            if (content.FindCause(id) is null)
            {
                problems.Add($"{where}: cause '{id}' is not one of the campaign's causes (a cause's translations go when the cause does)");
            }
            else if (!byCause.TryAdd(id, causeEntry))
            {
                problems.Add($"{where}: cause '{id}' is translated twice; keep one translation per cause");
            }
        }

        // Read in the file's order, so that what is missing is listed in it.
        var title = Text(entry.Title, content.Title, where, "title", MaxTitleLength, missing, problems);
        var intro = Text(entry.Intro, content.Intro, where, "intro", 600, missing, problems);
        var privacy = Text(entry.PrivacyStatement, content.PrivacyStatement, where, "privacyStatement", 600, missing, problems);
        var causes = content.Causes.Select(cause => TranslateCause(cause, byCause.GetValueOrDefault(cause.Id), where, missing, problems)).ToList();
        return content with { Language = language, Title = title, Intro = intro, PrivacyStatement = privacy, Causes = causes };
    }

    private static Cause TranslateCause(Cause cause, CauseTranslationEntry? entry, string language, List<string> missing, List<string> problems)
    {
        var where = $"{language}, cause '{cause.Id}'";
        entry ??= new CauseTranslationEntry(null, null, null, null, null, null, null);
        if (cause.Pledge is null && entry.Pledge is not null)
        {
            problems.Add($"{where}: field 'pledge' translates a pledge, but the cause has none");
        }

        var title = Text(entry.Title, cause.Title, where, "title", MaxTitleLength, missing, problems);
        var summary = Text(entry.Summary, cause.Summary, where, "summary", MaxSummaryLength, missing, problems);
        var story = Text(entry.Story, cause.Story, where, "story", 3000, missing, problems);
        if (entry.Story is not null && CountWords(story) > MaxTranslatedStoryWords)
        {
            problems.Add($"{where}: field 'story' has {CountWords(story)} words; keep a translated story to {MaxTranslatedStoryWords} or fewer");
        }

        var facts = Facts(entry.KeyFacts, cause.KeyFacts, where, missing, problems);
        var altText = Text(entry.Image?.AltText, cause.Image.AltText, where, "image.altText", 250, missing, problems);
        var callToAction = Text(entry.VoteCallToAction, cause.VoteCallToAction, where, "voteCallToAction", 200, missing, problems);
        return cause with
        {
            Title = title,
            Summary = summary,
            Story = story,
            KeyFacts = facts,
            Image = cause.Image with { AltText = altText },
            VoteCallToAction = callToAction,
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
