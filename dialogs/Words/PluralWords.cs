using System.Globalization;
using PledgeBot.Dialogs.Cards;
using PledgeBot.Dialogs.Languages;

namespace PledgeBot.Dialogs.Words;

/// <summary>
/// Words that change with a count ("1 vote", "2 votes"). Each counted phrase has five resource
/// keys, its stem followed by a plural form: One, Two, Few, Many and Other, the forms Unicode's
/// plural rules (CLDR) name. Arabic uses all five (a dual for 2, a plural for 3 to 10, an accusative
/// singular for 11 to 99, and Other for 0 and 100 and up, where CLDR has a separate "zero" we fold
/// into Other). English, Filipino and Swahili use One for 1 and Other otherwise, French One for 0
/// and 1; their Two, Few and Many keys hold the Other text.
/// </summary>
public static class PluralWords
{
    public enum Form
    {
        One,
        Two,
        Few,
        Many,
        Other,
    }

    /// <summary>The phrase <paramref name="stem"/> for <paramref name="count"/>, its {0} the count written for the supporter, and any further placeholders filled with <paramref name="more"/>.</summary>
    public static string Format(string stem, long count, params object[] more)
    {
        var language = CultureInfo.CurrentUICulture;
        var words = BotWords.ResourceManager.GetString(stem + FormOf(count, language), language)
            ?? throw new InvalidOperationException($"The bot's words have no '{stem}{FormOf(count, language)}'.");
        return string.Format(SupporterLanguage.Formatting, words, [CardNumbers.Count(count), .. more]);
    }

    public static Form FormOf(long count, CultureInfo language) =>
        (CampaignLanguages.Match(language.Name)?.Name ?? CampaignLanguages.English) switch
        {
            "ar" => count switch
            {
                1 => Form.One,
                2 => Form.Two,
                _ when count % 100 is >= 3 and <= 10 => Form.Few,
                _ when count % 100 is >= 11 and <= 99 => Form.Many,
                _ => Form.Other,
            },
            "fr" => count is 0 or 1 ? Form.One : Form.Other,
            _ => count == 1 ? Form.One : Form.Other,
        };
}
