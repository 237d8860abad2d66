using System.Globalization;

namespace PledgeBot.Dialogs.Languages;

/// <summary>
/// The languages the bot can speak: those its own words (buttons, questions, errors, help) are
/// written in, in <c>dialogs/Words</c>. Campaign content may be translated into any of them; a
/// supporter whose client asks for another language gets the campaign's default language.
/// </summary>
public static class CampaignLanguages
{
    /// <summary>The language the bot's words are first written in, and the content's default unless it names another.</summary>
    public const string English = "en";

    public static IReadOnlyList<CultureInfo> Supported { get; } =
        new[] { English, "fr", "fil", "ar", "sw" }.Select(CultureInfo.GetCultureInfo).ToArray();

    public static bool IsSupported(string? code) =>
        code is not null && Supported.Any(l => string.Equals(l.Name, code, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The supported language a client's locale or a person's choice names, or null: a region or
    /// script is ignored ("fr-CA" is French), and Tagalog ("tl"), which Filipino is based on and
    /// older phones still report, is read as Filipino. Anything unreadable is simply no match.
    /// </summary>
    public static CultureInfo? Match(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale) || locale.Length > 85)
        {
            return null;
        }

        // Browsers and Teams write en-US; some clients write en_US.
        var language = locale.Trim().Replace('_', '-').Split('-')[0].ToLowerInvariant();
        if (language == "tl")
        {
            language = "fil";
        }

        return Supported.FirstOrDefault(l => l.Name == language);
    }

    public static CultureInfo Get(string code) =>
        Match(code) ?? throw new ArgumentException($"'{code}' is not one of the bot's languages.", nameof(code));
}
