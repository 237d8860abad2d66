using System.Globalization;

namespace PledgeBot.Dialogs.Languages;

/// <summary>How a language is named to the people who read it: in itself, as its speakers write it.</summary>
public static class LanguageNames
{
    /// <summary>
    /// The language's own name with a capital where its script has capitals ("français" becomes
    /// "Français"): it stands alone on a button, as the first word of a sentence would.
    /// </summary>
    public static string Native(CultureInfo language)
    {
        var name = language.NativeName;
        return name.Length == 0 ? language.Name : language.TextInfo.ToUpper(name[0]) + name[1..];
    }
}
