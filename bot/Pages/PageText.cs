using System.Text.Encodings.Web;
using System.Text.Unicode;
using PledgeBot.Dialogs.Cards;
using PledgeBot.Dialogs.Languages;
using PledgeBot.Dialogs.Words;

namespace PledgeBot.Pages;

/// <summary>
/// The pages' words (<see cref="PageWords"/>, in the request's language) filled in with numbers
/// written in the supporter's form (1,234 in English, 1 234 in French, 1٬234 in Arabic).
/// </summary>
public static class PageText
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>
    /// Our own words as HTML: encoded, except that an apostrophe stays as it is ("couldn't"), which
    /// is safe in element text and in the double-quoted attributes every page here uses.
    /// </summary>
    public static string WordsHtml(string words) => Html.Encode(words).Replace("&#x27;", "'", StringComparison.Ordinal);

    public static string Number(long number) => CardNumbers.Count(number);

    public static string Percent(int percent) => Format(PageWords.PercentFormat, Number(percent));

    public static string Format(string words, params object?[] values) => string.Format(SupporterLanguage.Formatting, words, values);

    /// <summary>
    /// A count with its word, "1 vote" or "12 votes", from a pair of words such as
    /// <see cref="PageWords.VotesOne"/> and <see cref="PageWords.VotesOther"/>, chosen by the cards'
    /// plural rule (French says "0 vote"); the pages' words have only those two forms.
    /// </summary>
    public static string Count(long count, string one, string other) => Format(OneOrOther(count, one, other), Number(count));

    /// <summary>Words as HTML, filled in with values that are already HTML (such as a number in <c>strong</c>).</summary>
    public static string FormatHtml(string words, params string[] htmlValues) =>
        string.Format(SupporterLanguage.Formatting, Html.Encode(words), htmlValues);

    /// <summary>Like <see cref="Count"/>, as HTML, with the number in <c>strong</c>.</summary>
    public static string StrongCountHtml(long count, string one, string other, params string[] moreHtmlValues) =>
        FormatHtml(OneOrOther(count, one, other), [$"<strong>{Number(count)}</strong>", .. moreHtmlValues]);

    private static string OneOrOther(long count, string one, string other) =>
        PluralWords.FormOf(count, System.Globalization.CultureInfo.CurrentUICulture) == PluralWords.Form.One ? one : other;
}
