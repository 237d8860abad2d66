using System.Collections.Concurrent;
using System.Globalization;
using PledgeBot.Dialogs.Input;
using PledgeBot.Dialogs.Languages;

namespace PledgeBot.Dialogs.Words;

/// <summary>
/// The words a supporter may type for a command or an answer: a resource per meaning
/// (<c>TypedHelp</c> = "help|help me|please help"), read in the turn's language and in English, since
/// English commands are widely known and the help in every language used to be English. Phrases
/// are kept in the form <see cref="SupporterText.AsCommand"/> gives typed text, so that "Aide !",
/// "aide" and "AIDE" meet.
/// </summary>
public static class TypedWords
{
    private static readonly ConcurrentDictionary<(string Language, string Key), string[]> Cache = new();

    /// <summary>The phrases of <paramref name="key"/> in the turn's language, then in English.</summary>
    public static IEnumerable<string> Of(string key)
    {
        var turn = CultureInfo.CurrentUICulture;
        var english = CultureInfo.GetCultureInfo(CampaignLanguages.English);
        return In(key, turn).Concat(turn.Name == english.Name ? [] : In(key, english));
    }

    /// <summary>The first phrase of <paramref name="key"/> in the turn's language, as written: the one the bot tells people to type.</summary>
    public static string First(string key) => Written(key, CultureInfo.CurrentUICulture)[0];

    public static bool Contains(string key, string? command) =>
        command is not null && Of(key).Contains(command, StringComparer.Ordinal);

    private static string[] In(string key, CultureInfo language) =>
        Cache.GetOrAdd((language.Name, key), k => Written(k.Key, language)
            .Select(SupporterText.AsCommand)
            .OfType<string>()
            .Where(p => p.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToArray());

    private static string[] Written(string key, CultureInfo language) =>
        (BotWords.ResourceManager.GetString(key, language) ?? throw new InvalidOperationException($"The bot's words have no '{key}'."))
            .Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
