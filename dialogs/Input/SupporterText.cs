using System.Buffers;
using System.Globalization;
using System.Text;

namespace PledgeBot.Dialogs.Input;

/// <summary>
/// The one place that cleans what a supporter types before the bot checks it, compares it or
/// stores it: a first name, an email address, a yes or no, a typed command. The rules (the README's
/// "Text people type" lists them):
/// <list type="bullet">
/// <item>Text that is not valid UTF-16 (a lone surrogate, which JSON's <c>\ud800</c> escape can
/// carry) is refused, never repaired: a guess at what was meant could store something else. So is
/// text with U+FFFD, the replacement character: nobody types it, it is what a decoder leaves where
/// something was lost, and the SDK's JSON reader (Newtonsoft.Json) turns a lone surrogate escape
/// into exactly that before the bot sees the activity.</item>
/// <item>Invisible characters are removed: every format character (Unicode category Cf: zero-width
/// space, joiners, word joiner, byte order mark, bidi controls, soft hyphen, tags), the invisible
/// fillers that count as letters (Hangul fillers), variation selectors, and control characters.
/// A name keeps a zero-width joiner or non-joiner between two letters, where some scripts need it
/// (Persian, the Indic scripts).</item>
/// <item>Line and paragraph separators, tabs and other spaces become one plain space.</item>
/// <item>Names are in NFC: the same letters typed precomposed or decomposed are one name, and
/// nothing else about what was typed changes. Compared words (commands, yes/no) are in NFKC, so
/// full-width "ｙｅｓ" is "yes".</item>
/// </list>
/// Each method returns null when the text is unreadable (see <see cref="IsReadable"/>), so a caller cannot miss it.
/// </summary>
public static class SupporterText
{
    /// <summary>What a supporter is told when part of their text is unreadable, in their language.</summary>
    public static string UnreadableProblem => Words.BotWords.UnreadableText;

    private const char ZeroWidthNonJoiner = '\u200C';
    private const char ZeroWidthJoiner = '\u200D';
    private const char ArabicTatweel = '\u0640';
    private const char ArabicTehMarbuta = '\u0629';
    private const char ArabicHeh = '\u0647';
    private const char ArabicAlefMaksura = '\u0649';
    private const char ArabicYeh = '\u064A';

    // Invisible, yet not category Cf: Hangul fillers are letters (Lo), the combining grapheme joiner
    // and the Khmer inherent vowels are marks (Mn), variation selectors are marks too.
    private static readonly SearchValues<char> InvisibleOutsideFormat = SearchValues.Create(
        "\u034F\u115F\u1160\u17B4\u17B5\u180B\u180C\u180D\u180F\u3164\uFFA0"
        + "\uFE00\uFE01\uFE02\uFE03\uFE04\uFE05\uFE06\uFE07\uFE08\uFE09\uFE0A\uFE0B\uFE0C\uFE0D\uFE0E\uFE0F");

    /// <summary>True when the text is valid UTF-16 and holds no replacement character (U+FFFD).</summary>
    public static bool IsReadable(string text) => IsValidUtf16(text) && !text.Contains('\uFFFD');

    /// <summary>True when every surrogate in <paramref name="text"/> is half of a pair.</summary>
    public static bool IsValidUtf16(string text)
    {
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out _, out var used) != OperationStatus.Done)
            {
                return false;
            }

            rest = rest[used..];
        }

        return true;
    }

    /// <summary>
    /// A first name as it will be kept and shown: invisible characters removed (a joiner between
    /// letters stays), runs of spaces made one, trimmed, NFC. Null when not valid UTF-16.
    /// </summary>
    public static string? AsName(string? typed) =>
        Clean(typed, keepJoinersBetweenLetters: true, collapseSpaces: true) is { } name
            ? name.Normalize(NormalizationForm.FormC)
            : null;

    /// <summary>
    /// An email address as it will be kept and shown: every invisible character removed (they are
    /// never part of an address), trimmed, NFC. Spaces inside stay, so that the email check can refuse
    /// them. Null when unreadable.
    /// </summary>
    public static string? AsEmail(string? typed) =>
        Clean(typed, keepJoinersBetweenLetters: false, collapseSpaces: false) is { } email
            ? email.Normalize(NormalizationForm.FormC)
            : null;

    /// <summary>
    /// Words to compare with a list (commands, yes/no): invisible characters removed, spaces made
    /// one, trimmed, NFKC. Null when unreadable, which matches no word.
    /// </summary>
    public static string? AsWords(string? typed) =>
        Clean(typed, keepJoinersBetweenLetters: false, collapseSpaces: true) is { } words
            ? words.Normalize(NormalizationForm.FormKC)
            : null;

    /// <summary>
    /// A typed phrase as it is compared with the bot's own words: <see cref="AsWords"/> without any
    /// punctuation and in lower case, so "Help!", "help," "¿help?" and "\"help\"" are all "help"
    /// and "Yes, I agree" is "yes i agree". Null when unreadable, which matches nothing.
    /// </summary>
    public static string? AsPhrase(string? typed)
    {
        if (AsWords(typed) is not { } words)
        {
            return null;
        }

        var letters = new StringBuilder(words.Length);
        foreach (var c in words)
        {
            letters.Append(char.IsPunctuation(c) ? ' ' : char.ToLowerInvariant(c));
        }

        return string.Join(' ', letters.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>
    /// A typed phrase as commands and answers are looked up (<see cref="Words.TypedWords"/>):
    /// <see cref="AsPhrase"/>, then with what people type one way or another made one. Latin accents
    /// and Arabic vowel and hamza marks are left out ("résultats" is "resultats", "مُساعدة" is
    /// "مساعدة", "أوافق" is "اوافق"); only those two ranges of marks, as elsewhere a mark can be the
    /// only difference between two words. Teh marbuta is heh and alef maksura yeh, as many Arabic
    /// keyboards and writers use them alike, and the tatweel (a stretching stroke) is dropped. Every
    /// decimal digit (Arabic-Indic "٢", Persian "۲") is its 0-9 digit. Null when unreadable.
    /// </summary>
    public static string? AsCommand(string? typed)
    {
        if (AsPhrase(typed) is not { } phrase)
        {
            return null;
        }

        var folded = new StringBuilder(phrase.Length);
        foreach (var c in phrase.Normalize(NormalizationForm.FormD))
        {
            if (c is >= '\u0300' and <= '\u036F' or >= '\u064B' and <= '\u065F' or '\u0670' or ArabicTatweel)
            {
                continue;
            }

            folded.Append(c switch
            {
                ArabicTehMarbuta => ArabicHeh,
                ArabicAlefMaksura => ArabicYeh,
                _ when char.GetUnicodeCategory(c) == UnicodeCategory.DecimalDigitNumber => (char)('0' + CharUnicodeInfo.GetDecimalDigitValue(c)),
                _ => c,
            });
        }

        return folded.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// What decides whether two email addresses are one pledge: the cleaned address in NFKC, its
    /// domain in ASCII (an internationalised domain as punycode, so <c>bücher.example</c> and
    /// <c>xn--bcher-kva.example</c> meet), and the whole address case-folded. Mail providers treat
    /// the part before the @ without regard to case, and a pledge should err on counting one
    /// person once.
    /// </summary>
    /// <exception cref="ArgumentException">The address is unreadable (callers check addresses first).</exception>
    public static string EmailComparisonForm(string email)
    {
        var cleaned = AsEmail(email)
            ?? throw new ArgumentException("The email address is not readable text.", nameof(email));
        var compatible = cleaned.Normalize(NormalizationForm.FormKC);
        var at = compatible.LastIndexOf('@');
        var local = at < 0 ? compatible : compatible[..at];
        var domain = at < 0 ? "" : AsciiDomainOrNull(compatible[(at + 1)..]) ?? compatible[(at + 1)..];
        return CaseFold(at < 0 ? local : $"{local}@{domain}");
    }

    /// <summary>The domain in ASCII (punycode for internationalised labels), or null when it cannot be one.</summary>
    public static string? AsciiDomainOrNull(string domain)
    {
        try
        {
            return new IdnMapping { UseStd3AsciiRules = true }.GetAscii(domain).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    // After NFKC (which already turns the long s, the Kelvin sign and the Greek symbol forms into
    // plain letters), lower case differs from Unicode's simple case folding almost only in the final
    // sigma. Upper-then-lower would also fold the Turkish dotless i into i, which folding does not.
    private static string CaseFold(string text) => text.ToLowerInvariant().Replace('\u03C2', '\u03C3');

    private static string? Clean(string? typed, bool keepJoinersBetweenLetters, bool collapseSpaces)
    {
        if (typed is null)
        {
            return "";
        }

        if (!IsReadable(typed))
        {
            return null;
        }

        var kept = new StringBuilder(typed.Length);
        var index = 0;
        foreach (var rune in typed.EnumerateRunes())
        {
            var at = index;
            index += rune.Utf16SequenceLength;
            if (Rune.IsWhiteSpace(rune))
            {
                if (!collapseSpaces || (kept.Length > 0 && kept[^1] != ' '))
                {
                    kept.Append(' ');
                }
            }
            else if (keepJoinersBetweenLetters && IsJoinerBetweenLetters(typed, at))
            {
                kept.Append(typed[at]);
            }
            else if (!IsInvisible(rune))
            {
                kept.Append(typed, at, rune.Utf16SequenceLength);
            }
        }

        return kept.ToString().Trim();
    }

    private static bool IsInvisible(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.Format or UnicodeCategory.Control
        || (rune.IsBmp && InvisibleOutsideFormat.Contains((char)rune.Value))
        || rune.Value is >= 0xE0100 and <= 0xE01EF;

    private static bool IsJoinerBetweenLetters(string text, int at) =>
        text[at] is ZeroWidthJoiner or ZeroWidthNonJoiner
        && at > 0 && at < text.Length - 1
        && IsLetterOrMark(text, at - 1 - (char.IsLowSurrogate(text[at - 1]) && at > 1 ? 1 : 0))
        && IsLetterOrMark(text, at + 1);

    // A joiner in a conjunct follows the virama, a mark; so marks count as the letters they sit on.
    private static bool IsLetterOrMark(string text, int at) =>
        CharUnicodeInfo.GetUnicodeCategory(text, at) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
            or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
        && !InvisibleOutsideFormat.Contains(text[at]);
}
