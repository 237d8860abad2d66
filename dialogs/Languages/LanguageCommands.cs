using PledgeBot.Dialogs.Input;
using PledgeBot.Dialogs.Words;

namespace PledgeBot.Dialogs.Languages;

/// <summary>
/// The typed words that open the list of languages ("language", "langue", "wika", "lugha",
/// "اللغة" ...), from <c>LanguageWords</c> in every one of the bot's languages at once: someone
/// served in a language they cannot read must still be able to ask for theirs in their own words.
/// </summary>
public static class LanguageCommands
{
    private static readonly HashSet<string> Phrases = CampaignLanguages.Supported
        .SelectMany(language => new[]
        {
            LanguageWords.ResourceManager.GetString(nameof(LanguageWords.MenuButton), language),
            LanguageWords.ResourceManager.GetString(nameof(LanguageWords.TypedCommands), language),
        })
        .SelectMany(words => (words ?? "").Split('|'))
        .Select(SupporterText.AsCommand)
        .OfType<string>()
        .ToHashSet(StringComparer.Ordinal);

    /// <param name="phrase">Typed text as <see cref="SupporterText.AsCommand"/> gives it, as for every other typed command.</param>
    public static bool Contains(string phrase) => Phrases.Contains(phrase);
}
