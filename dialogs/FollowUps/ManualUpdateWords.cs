using System.Text.Json;
using PledgeBot.Dialogs.Cards;
using PledgeBot.Dialogs.Languages;

namespace PledgeBot.Dialogs.FollowUps;

/// <summary>
/// A campaign manager's update: a title and a text per language, stored with the update as JSON
/// (<c>{"en":{"title":"…","text":"…"},"fr":{…}}</c>). A reader whose language has no words of
/// its own gets the campaign's default language's, never an empty message.
/// </summary>
public sealed class ManualUpdateWords
{
    public const int MaxTitleLength = 120;
    public const int MaxTextLength = 2000;

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private readonly IReadOnlyDictionary<string, ManualUpdateText> byLanguage;

    public ManualUpdateWords(IReadOnlyDictionary<string, ManualUpdateText> byLanguage) =>
        this.byLanguage = new SortedDictionary<string, ManualUpdateText>(byLanguage.ToDictionary(), StringComparer.Ordinal);

    public IReadOnlyDictionary<string, ManualUpdateText> ByLanguage => byLanguage;

    public string ToJson() => JsonSerializer.Serialize(byLanguage, Json);

    /// <summary>Reads what <see cref="ToJson"/> wrote; null when it is not that.</summary>
    public static ManualUpdateWords? FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            var read = JsonSerializer.Deserialize<Dictionary<string, ManualUpdateText>>(json, Json);
            return read is { Count: > 0 } && read.Values.All(t => t is { Title: not null, Text: not null }) ? new ManualUpdateWords(read) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The words for a reader of <paramref name="language"/>: their own, else the default language's.</summary>
    public (string Language, ManualUpdateText Text) In(string? language, string defaultLanguage) =>
        language is not null && byLanguage.TryGetValue(language, out var own) ? (language, own)
        : byLanguage.TryGetValue(defaultLanguage, out var fallback) ? (defaultLanguage, fallback)
        : byLanguage.First() is var first ? (first.Key, first.Value) : default;

    /// <summary>What a reader of <paramref name="language"/> is sent: their words (see <see cref="In"/>) as a message of paragraphs.</summary>
    public FollowUpMessage MessageIn(string? language, string defaultLanguage, CardSettings cards)
    {
        var (written, text) = In(language, defaultLanguage);
        return new FollowUpMessage(written, text.Title, Paragraphs(text.Text), FollowUpLinks.Results(cards, written));
    }

    /// <summary>
    /// What is wrong with words a campaign manager wrote, one sentence each naming the language and
    /// the field: the default language is required, every language must be one the campaign offers,
    /// a title and a text each between 1 character and their limit.
    /// </summary>
    public IReadOnlyList<string> Problems(IReadOnlyCollection<string> campaignLanguages, string defaultLanguage) =>
        FieldProblems(campaignLanguages, defaultLanguage).Select(p => p.Message).ToList();

    /// <summary>The same problems as <see cref="Problems"/>, each with the language and field it is about, so that a form shows it beside that field.</summary>
    public IReadOnlyList<ManualUpdateProblem> FieldProblems(IReadOnlyCollection<string> campaignLanguages, string defaultLanguage)
    {
        var problems = new List<ManualUpdateProblem>();
        if (!byLanguage.ContainsKey(defaultLanguage))
        {
            problems.Add(new(defaultLanguage, ManualUpdateField.Title, $"The update needs a title and a text in the campaign's default language ({Named(defaultLanguage)})."));
        }

        foreach (var (language, text) in byLanguage)
        {
            if (!campaignLanguages.Contains(language))
            {
                problems.Add(new(language, Field: null, $"'{Shorten(language)}' is not one of the campaign's languages ({string.Join(", ", campaignLanguages)})."));
                continue;
            }

            CheckLength(problems, language, ManualUpdateField.Title, text.Title, MaxTitleLength);
            CheckLength(problems, language, ManualUpdateField.Text, text.Text, MaxTextLength);
        }

        return problems;
    }

    /// <summary>The text's paragraphs: split at blank lines, each trimmed.</summary>
    public static IReadOnlyList<string> Paragraphs(string text) =>
        text.ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static void CheckLength(List<ManualUpdateProblem> problems, string language, ManualUpdateField field, string value, int max)
    {
        var name = field == ManualUpdateField.Title ? "title" : "text";
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add(new(language, field, $"{Named(language)}: the {name} is empty."));
        }
        else if (value.Length > max)
        {
            problems.Add(new(language, field, $"{Named(language)}: the {name} has {value.Length:N0} characters; at most {max:N0}."));
        }
    }

    /// <summary>"Français (fr)": for the campaign manager, who may not read the language.</summary>
    public static string Named(string code) =>
        CampaignLanguages.Match(code) is { } language ? $"{LanguageNames.Native(language)} ({code})" : code;

    private static string Shorten(string text) => text.Length > 20 ? text[..20] + "…" : text;
}

public sealed record ManualUpdateText(string Title, string Text);

public enum ManualUpdateField
{
    Title,
    Text,
}

/// <param name="Field">The field the problem is about; null when it is about the language as a whole.</param>
public sealed record ManualUpdateProblem(string Language, ManualUpdateField? Field, string Message);
