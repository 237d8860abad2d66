using System.Globalization;
using PledgeBot.Pages;

namespace PledgeBot.ChatPage;

/// <summary>The page's language as Web Chat 4.18 is told it, and the words it is given.</summary>
public static class WebChatLocale
{
    /// <summary>
    /// The language tag with its most likely region (fr-FR, ar-SA, sw-KE), which picks Web Chat's
    /// own translation where it has one and becomes each activity's <c>locale</c>. Filipino is the
    /// exception: Web Chat reads any tag that starts with "fi" as Finnish, so it is told tl-PH
    /// (Tagalog, which Filipino is based on), gets its English words with ours over them, and the
    /// bot reads tl as Filipino.
    /// </summary>
    public static string For(string language) => language == "fil"
        ? "tl-PH"
        : CultureInfo.CreateSpecificCulture(language) is { IsNeutralCulture: false, Name.Length: > 0 } specific ? specific.Name : language;

    public static ChatPageWords Words() => new(
        PageWords.ChatConnecting,
        PageWords.ChatCouldNotStart,
        PageWords.ChatCouldNotLoad,
        new Dictionary<string, string>
        {
            ["TEXT_INPUT_PLACEHOLDER"] = PageWords.WebChatInputPlaceholder,
            ["TEXT_INPUT_ALT"] = PageWords.WebChatInputLabel,
            ["TEXT_INPUT_SEND_BUTTON_ALT"] = PageWords.WebChatSend,
        });
}
