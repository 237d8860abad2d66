using System.Text.Json;
using System.Text.RegularExpressions;

namespace PledgeBot.Dialogs.Content;

/// <summary>
/// Reads the campaign content file and checks everything a card will rely on, so that a mistake
/// stops the start-up with a readable message instead of surfacing on some user's turn.
/// </summary>
public static partial class CampaignContentLoader
{
    public const int MaxStoryWords = 140;
    public const int MaxTitleLength = 80;
    public const int MaxSummaryLength = 200;
    public const int MaxFactLength = 200;
    public const int MaxImageBytes = 200 * 1024;

    /// <summary>
    /// The largest goal a campaign may set for votes or a pledge: well above the biggest petitions
    /// ever signed, so a larger number is almost surely a typo (an extra zero or two).
    /// </summary>
    public const int MaxGoal = 100_000_000;

    private static readonly JsonSerializerOptions ReadOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static CampaignContent Load(string contentFile)
    {
        if (!File.Exists(contentFile))
        {
            throw new InvalidCampaignContentException($"Campaign content file '{contentFile}' was not found.");
        }

        var check = Check(File.ReadAllText(contentFile), Path.GetDirectoryName(Path.GetFullPath(contentFile))!, Path.GetFileName(contentFile));
        return check.Content ?? throw new InvalidCampaignContentException(
            $"Campaign content file '{contentFile}' has {check.Problems.Count} problem(s):"
            + string.Concat(check.Problems.Select(p => $"{Environment.NewLine}  - {p}")));
    }

    /// <summary>
    /// Checks content that is not (yet) the campaign's file: a draft an admin uploads or edits, or
    /// a file given to the validate command. Images are looked up in <paramref name="campaignFolder"/>,
    /// where the running campaign keeps them. Every problem is listed, each starting with
    /// <paramref name="displayName"/>, so one round of fixes is enough.
    /// </summary>
    public static ContentCheck Check(string json, string campaignFolder, string displayName)
    {
        CampaignFile? raw;
        try
        {
            raw = JsonSerializer.Deserialize<CampaignFile>(json, ReadOptions);
        }
        catch (JsonException e)
        {
            return ContentCheck.Refused([$"{displayName}: not valid JSON near line {e.LineNumber + 1}: {e.Message}"]);
        }

        var problems = new List<string>();
        var content = raw is null ? null : Validate(raw, Path.GetFullPath(campaignFolder).TrimEnd(Path.DirectorySeparatorChar), problems);
        if (raw is null)
        {
            problems.Add("the file is empty");
        }

        return problems.Count > 0 || content is null
            ? ContentCheck.Refused(problems.Select(p => $"{displayName}: {p}").ToList())
            : new ContentCheck(content, []);
    }

    private static CampaignContent? Validate(CampaignFile raw, string folder, List<string> problems)
    {
        var id = Required(raw.Id, "campaign", "id", problems);
        if (id is not null && !SlugPattern().IsMatch(id))
        {
            problems.Add($"campaign: field 'id' must be lowercase letters, digits and dashes (got '{id}')");
        }

        var title = Required(raw.Title, "campaign", "title", problems, MaxTitleLength);
        var intro = Required(raw.Intro, "campaign", "intro", problems, 600);
        var privacy = Required(raw.PrivacyStatement, "campaign", "privacyStatement", problems, 600);
        var theme = ValidateTheme(raw.Theme, problems);
        var endsOn = OptionalDate(raw.EndsOn, "endsOn", problems);
        var voteGoal = OptionalGoal(raw.VoteGoal, "campaign", "voteGoal", problems);

        if (raw.Causes is not { Count: > 0 })
        {
            problems.Add("campaign: field 'causes' must list at least one cause");
            return null;
        }

        var causes = new List<Cause>();
        var seenIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var seenPledges = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < raw.Causes.Count; i++)
        {
            var cause = ValidateCause(raw.Causes[i], i + 1, folder, problems);
            if (cause is null)
            {
                continue;
            }

            if (!seenIds.Add(cause.Id))
            {
                problems.Add($"cause '{cause.Id}': field 'id' is used by another cause");
            }

            if (cause.Pledge is not null && !seenPledges.Add(cause.Pledge.Id))
            {
                problems.Add($"cause '{cause.Id}': field 'pledge.id' is used by another pledge");
            }

            causes.Add(cause);
        }

        var defaultLanguage = DefaultLanguage(raw.DefaultLanguage, problems);
        if (problems.Count > 0)
        {
            return null;
        }

        var content = new CampaignContent(id!, title!, intro!, privacy!, causes, theme!)
        {
            EndsOn = endsOn, VoteGoal = voteGoal, Language = defaultLanguage!, DefaultLanguage = defaultLanguage!,
        };
        return WithTranslations(content, raw.Translations, problems);
    }

    private static Cause? ValidateCause(CauseEntry raw, int position, string folder, List<string> problems)
    {
        var id = Required(raw.Id, $"cause #{position}", "id", problems);
        var where = id is null ? $"cause #{position}" : $"cause '{id}'";
        if (id is not null && !SlugPattern().IsMatch(id))
        {
            problems.Add($"{where}: field 'id' must be lowercase letters, digits and dashes");
        }

        var title = Required(raw.Title, where, "title", problems, MaxTitleLength);
        var summary = Required(raw.Summary, where, "summary", problems, MaxSummaryLength);
        var story = Required(raw.Story, where, "story", problems, 2000);
        if (story is not null && CountWords(story) > MaxStoryWords)
        {
            problems.Add($"{where}: field 'story' has {CountWords(story)} words; keep it to {MaxStoryWords} or fewer");
        }

        var facts = (raw.KeyFacts ?? []).Select(f => f?.Trim() ?? "").ToList();
        if (facts.Count is < 1 or > 5)
        {
            problems.Add($"{where}: field 'keyFacts' needs one to five facts (two or three read best)");
        }

        for (var f = 0; f < facts.Count; f++)
        {
            if (facts[f].Length == 0 || facts[f].Length > MaxFactLength)
            {
                problems.Add($"{where}: field 'keyFacts[{f}]' must be between 1 and {MaxFactLength} characters");
            }
        }

        var image = ValidateImage(raw.Image, where, folder, problems);
        var callToAction = Required(raw.VoteCallToAction, where, "voteCallToAction", problems, 200);
        var readMore = OptionalUrl(raw.ReadMoreUrl, where, "readMoreUrl", problems);
        var pledge = raw.Pledge is null ? null : ValidatePledge(raw.Pledge, where, problems);

        if (id is null || title is null || summary is null || story is null || image is null || callToAction is null)
        {
            return null;
        }

        return new Cause(id, title, summary, story, facts, image, callToAction, readMore, pledge);
    }

    private static CauseImage? ValidateImage(ImageEntry? raw, string where, string folder, List<string> problems)
    {
        if (raw is null)
        {
            problems.Add($"{where}: field 'image' is missing");
            return null;
        }

        var file = Required(raw.File, where, "image.file", problems);
        var alt = Required(raw.AltText, where, "image.altText", problems, 250);
        if (file is null)
        {
            return null;
        }

        var fullPath = Path.GetFullPath(Path.Combine(folder, file));
        var extension = Path.GetExtension(file).ToLowerInvariant();
        if (!fullPath.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            problems.Add($"{where}: field 'image.file' must point inside the campaign folder");
        }
        else if (extension is not (".png" or ".jpg" or ".jpeg"))
        {
            problems.Add($"{where}: field 'image.file' must be a .png or .jpg file (Teams does not show SVG in cards)");
        }
        else if (!File.Exists(fullPath))
        {
            problems.Add($"{where}: field 'image.file' names '{file}', which does not exist next to the content file");
        }
        else if (new FileInfo(fullPath).Length > MaxImageBytes)
        {
            problems.Add($"{where}: field 'image.file' is larger than {MaxImageBytes / 1024} KB; cards load slowly on phones");
        }

        return alt is null ? null : new CauseImage(file.Replace('\\', '/'), alt);
    }

    private static Pledge? ValidatePledge(PledgeEntry raw, string where, List<string> problems)
    {
        var id = Required(raw.Id, where, "pledge.id", problems);
        if (id is not null && !SlugPattern().IsMatch(id))
        {
            problems.Add($"{where}: field 'pledge.id' must be lowercase letters, digits and dashes");
        }

        var title = Required(raw.Title, where, "pledge.title", problems, MaxTitleLength);
        var text = Required(raw.Text, where, "pledge.text", problems, 400);
        var url = OptionalUrl(raw.Url, where, "pledge.url", problems);
        var goal = OptionalGoal(raw.Goal, where, "pledge.goal", problems);
        return id is null || title is null || text is null ? null : new Pledge(id, title, text, url) { Goal = goal };
    }

    /// <summary>
    /// The web page's colours. Either may be left out (the default takes its place); together they
    /// must keep white text readable on the accent and the accent visible on the background.
    /// </summary>
    private static CampaignTheme? ValidateTheme(ThemeEntry? raw, List<string> problems)
    {
        var accent = OptionalColor(raw?.AccentColor, "theme.accentColor", CampaignTheme.Default.AccentColor, problems);
        var background = OptionalColor(raw?.BackgroundColor, "theme.backgroundColor", CampaignTheme.Default.BackgroundColor, problems);
        if (accent is null || background is null)
        {
            return null;
        }

        var whiteOnAccent = ColorContrast.Ratio(ColorContrast.White, accent);
        if (whiteOnAccent < CampaignTheme.MinTextOnAccentContrast)
        {
            problems.Add($"campaign: field 'theme.accentColor' ({accent}) gives white text a contrast of {whiteOnAccent:0.00}:1; "
                + $"it needs at least {CampaignTheme.MinTextOnAccentContrast}:1, so choose a darker accent");
        }

        var accentOnBackground = ColorContrast.Ratio(accent, background);
        if (accentOnBackground < CampaignTheme.MinAccentOnBackgroundContrast)
        {
            problems.Add($"campaign: fields 'theme.accentColor' ({accent}) and 'theme.backgroundColor' ({background}) have a contrast of "
                + $"{accentOnBackground:0.00}:1; the accent needs at least {CampaignTheme.MinAccentOnBackgroundContrast}:1 on the background");
        }

        return new CampaignTheme(accent, background);
    }

    private static string? OptionalColor(string? value, string field, string fallback, List<string> problems)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return fallback;
        }

        if (!ColorContrast.IsHexColor(trimmed))
        {
            problems.Add($"campaign: field '{field}' must be a colour written as # and six hex digits, like #1D6A72 (got '{value}')");
            return null;
        }

        return trimmed.ToUpperInvariant();
    }

    private static string? Required(string? value, string where, string field, List<string> problems, int maxLength = 100)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            problems.Add($"{where}: field '{field}' is missing or empty");
            return null;
        }

        if (trimmed.Length > maxLength)
        {
            problems.Add($"{where}: field '{field}' is longer than {maxLength} characters");
            return null;
        }

        return trimmed;
    }

    /// <summary>A calendar day written as yyyy-MM-dd, the one form nobody reads two ways.</summary>
    private static DateOnly? OptionalDate(string? value, string field, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date))
        {
            return date;
        }

        problems.Add($"campaign: field '{field}' must be a real date written as year-month-day, like 2027-06-30 (got '{value}')");
        return null;
    }

    /// <summary>A goal is a count of people: a whole number from 1 to <see cref="MaxGoal"/>, written as a JSON number.</summary>
    private static int? OptionalGoal(JsonElement? value, string where, string field, List<string> problems)
    {
        if (value is not { } element || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var goal) && goal is >= 1 and <= MaxGoal)
        {
            return goal;
        }

        var written = element.GetRawText();
        problems.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{where}: field '{field}' must be a whole number from 1 to {MaxGoal:N0}, written without quotes or separators, like 2000 (got {(written.Length > 40 ? written[..40] + "…" : written)})"));
        return null;
    }

    private static string? OptionalUrl(string? value, string where, string field, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http")
        {
            return uri.AbsoluteUri;
        }

        problems.Add($"{where}: field '{field}' must be a full http(s) address (got '{value}')");
        return null;
    }

    private static int CountWords(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    // The file's shape, every field nullable so that validation, not the parser, explains what is missing.
    private sealed record CampaignFile(
        string? Id, string? Title, string? Intro, string? PrivacyStatement, List<CauseEntry>? Causes, ThemeEntry? Theme, string? EndsOn,
        JsonElement? VoteGoal, string? DefaultLanguage, JsonElement? Translations);

    private sealed record CauseEntry(
        string? Id, string? Title, string? Summary, string? Story, List<string?>? KeyFacts,
        ImageEntry? Image, string? VoteCallToAction, string? ReadMoreUrl, PledgeEntry? Pledge);

    private sealed record ImageEntry(string? File, string? AltText);

    private sealed record ThemeEntry(string? AccentColor, string? BackgroundColor);

    private sealed record PledgeEntry(string? Id, string? Title, string? Text, string? Url, JsonElement? Goal);
}
