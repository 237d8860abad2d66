using Microsoft.Bot.Schema;
using PledgeBot.Dialogs.Conversation;
using PledgeBot.Dialogs.Input;

namespace PledgeBot.Tests.Conversation;

/// <summary>What hostile or unusual text a supporter types becomes, or why it is refused.</summary>
/// <remarks>Rows with a lone surrogate are written escaped; see <see cref="Unescaped"/>.</remarks>
public sealed class SupporterTextTests
{
    [Theory]
    [InlineData("Anna\u200B", "Anna")] // zero-width space
    [InlineData("\uFEFFAnna", "Anna")] // byte order mark
    [InlineData("An\u00ADna", "Anna")] // soft hyphen
    [InlineData("\u202EannA", "annA")] // right-to-left override
    [InlineData("\u202AAnna\u202C", "Anna")] // left-to-right embedding and pop
    [InlineData("\u2066Anna\u2069", "Anna")] // bidi isolates
    [InlineData("\u200EAnna\u200F", "Anna")] // direction marks
    [InlineData("An\u2060na", "Anna")] // word joiner
    [InlineData("Anna\U000E0041", "Anna")] // a tag character (outside the BMP)
    [InlineData("Anna\uFE0F", "Anna")] // variation selector
    [InlineData("\u200DAnna\u200C", "Anna")] // joiners at the ends join nothing
    [InlineData("Anna\u0007\u0000\u001B", "Anna")] // control characters
    [InlineData("Anna\u2028Maria", "Anna Maria")] // line separator
    [InlineData("Anna\u2029", "Anna")] // paragraph separator
    [InlineData("Anna \t\r\n\u00A0\u3000 Maria", "Anna Maria")] // every kind of space, collapsed
    [InlineData("Zoe\u0308", "Zo\u00EB")] // decomposed letters become NFC
    [InlineData("\uFB01ona", "\uFB01ona")] // NFC, not NFKC: a name keeps the characters it was typed with
    [InlineData("\uFF21nna", "\uFF21nna")] // full-width letters stay too
    [InlineData("\u0645\u0627\u0647\u200C\u0644\u0642\u0627", "\u0645\u0627\u0647\u200C\u0644\u0642\u0627")] // Persian: ZWNJ between letters stays
    [InlineData("\u0915\u094D\u200D\u0937", "\u0915\u094D\u200D\u0937")] // Devanagari: ZWJ after a virama stays
    [InlineData("\uD83C\uDF38Anna", "\uD83C\uDF38Anna")] // a well-formed surrogate pair is kept
    public void ANameIsCleanedToWhatThePersonMeant(string typed, string kept)
    {
        Assert.Equal(kept, SupporterText.AsName(typed));
        var check = PledgeAnswerRules.FirstName(typed);
        Assert.True(check.IsValid, check.Problem);
        Assert.Equal(kept, check.Value);
    }

    [Theory]
    [InlineData("Anna\\uD800", "did not come through as readable text")] // lone high surrogate
    [InlineData("\\uDC00Anna", "did not come through as readable text")] // lone low surrogate
    [InlineData("An\\uDBFF\\uDBFFna", "did not come through as readable text")] // two highs are no pair
    [InlineData("Anna\uFFFD", "did not come through as readable text")] // what the SDK's JSON reader makes of a lone surrogate
    [InlineData("\u200B\u200C\u200D\uFEFF", "I need your first name")] // only invisible characters
    [InlineData("\u2028\u2029\u0085", "I need your first name")] // only line breaks
    [InlineData("\u3164", "I need your first name")] // the Hangul filler looks like a letter and shows nothing
    [InlineData("\u202E\u0031\u0032\u0033", "needs letters")]
    public void ANameThatIsUnreadableOrOnlyInvisibleIsRefusedWithTheReason(string typed, string reason)
    {
        var check = PledgeAnswerRules.FirstName(Unescaped(typed));

        Assert.False(check.IsValid);
        Assert.Null(check.Value);
        Assert.Contains(reason, check.Problem);
    }

    [Theory]
    [InlineData("anna\u200B@example.org", "anna@example.org")]
    [InlineData("\uFEFFanna@example.org", "anna@example.org")]
    [InlineData("anna@exam\u00ADple.org", "anna@example.org")]
    [InlineData("anna\u200D@example.org", "anna@example.org")] // joiners are never part of an address
    [InlineData("\u202Danna@example.org\u202C", "anna@example.org")]
    [InlineData("anna@example.org\u2028", "anna@example.org")]
    [InlineData("Anna@Example.org", "Anna@Example.org")] // kept as typed; the key ignores case
    [InlineData("anna@b\u00FCcher.example", "anna@b\u00FCcher.example")] // an internationalised domain
    [InlineData("anna@bu\u0308cher.example", "anna@b\u00FCcher.example")] // ... typed decomposed, kept in NFC
    [InlineData("anna@xn--bcher-kva.example", "anna@xn--bcher-kva.example")]
    public void AnEmailAddressIsKeptWithoutInvisibleCharacters(string typed, string kept)
    {
        var check = PledgeAnswerRules.Email(typed);

        Assert.True(check.IsValid, check.Problem);
        Assert.Equal(kept, check.Value);
    }

    [Theory]
    [InlineData("anna\\uD800@example.org", "did not come through as readable text")]
    [InlineData("anna@example.org\\uDFFF", "did not come through as readable text")]
    [InlineData("anna\uFFFD@example.org", "did not come through as readable text")]
    [InlineData("anna\u2028@example.org", "doesn't look like an email address")] // a line break inside is not an address
    [InlineData("anna@exa\u3000mple.org", "doesn't look like an email address")]
    [InlineData("anna@-example.org", "doesn't look like an email address")] // no such domain name in IDNA
    [InlineData("\u200B\u2060", "I need your email address")]
    public void AnEmailAddressThatIsUnreadableOrBrokenIsRefusedWithTheReason(string typed, string reason)
    {
        var check = PledgeAnswerRules.Email(Unescaped(typed));

        Assert.False(check.IsValid);
        Assert.Null(check.Value);
        Assert.Contains(reason, check.Problem);
    }

    [Theory]
    [InlineData("yes\u200B", true)]
    [InlineData("\uFEFFyes", true)]
    [InlineData("\uFF59\uFF45\uFF53", true)] // full-width "yes", as CJK keyboards type it
    [InlineData("I\u00A0agree", true)]
    [InlineData("I  \u2028 agree", true)]
    [InlineData("\u202Eno", false)]
    [InlineData("n\u00ADo", false)]
    [InlineData("yes\\uD800", null)]
    public void YesAndNoAreReadThroughInvisibleAndFullWidthCharacters(string typed, bool? meant) =>
        Assert.Equal(meant, PledgeAnswerRules.YesOrNo(Unescaped(typed)));

    [Theory]
    [InlineData("help\u200B", IntentKind.Help)]
    [InlineData("\u2066help\u2069", IntentKind.Help)]
    [InlineData("he\u00ADlp", IntentKind.Help)]
    [InlineData("\uFF48\uFF45\uFF4C\uFF50", IntentKind.Help)]
    [InlineData("CANCEL\u2028", IntentKind.Cancel)]
    [InlineData("\uFEFFpledge!", IntentKind.Pledge)]
    [InlineData("help\\uD800", IntentKind.Unrecognised)]
    [InlineData("help\uFFFD", IntentKind.Unrecognised)]
    [InlineData("\u200B", IntentKind.Unrecognised)]
    public void TypedCommandsAreReadThroughInvisibleCharacters(string typed, IntentKind kind) =>
        Assert.Equal(kind, UserIntentReader.Read(new Activity { Type = ActivityTypes.Message, Text = Unescaped(typed) }).Kind);

    [Theory]
    [InlineData("anna@example.org", "anna@example.org")]
    [InlineData("Anna@EXAMPLE.org", "anna@example.org")]
    [InlineData("\u0041nna\u200B@example.org\uFEFF", "anna@example.org")]
    [InlineData("\uFF41\uFF4E\uFF4E\uFF41@example.org", "anna@example.org")] // NFKC: full-width letters
    [InlineData("jos\u00E9@example.org", "jos\u00E9@example.org")]
    [InlineData("JOSE\u0301@example.org", "jos\u00E9@example.org")]
    [InlineData("anna@B\u00DCCHER.example", "anna@xn--bcher-kva.example")]
    [InlineData("anna@xn--bcher-kva.example", "anna@xn--bcher-kva.example")]
    [InlineData("\u03A3\u039F\u03A6\u0399\u0391\u03A3@example.gr", "\u03C3\u03BF\u03C6\u03B9\u03B1\u03C3@example.gr")]
    [InlineData("\u03C3\u03BF\u03C6\u03B9\u03B1\u03C2@example.gr", "\u03C3\u03BF\u03C6\u03B9\u03B1\u03C3@example.gr")] // final sigma folds
    public void TheEmailComparisonFormFoldsWhatDoesNotMakeAnotherAddress(string typed, string comparedAs) =>
        Assert.Equal(comparedAs, SupporterText.EmailComparisonForm(typed));

    [Fact]
    public void UnpairedSurrogatesMakeTextInvalidAndTheReplacementCharacterUnreadable()
    {
        Assert.False(SupporterText.IsReadable("Anna \uFFFD"));
        Assert.False(SupporterText.IsReadable("Anna \uD800"));
        Assert.True(SupporterText.IsReadable("Anna \uD83C\uDF38"));
        Assert.True(SupporterText.IsValidUtf16(""));
        Assert.True(SupporterText.IsValidUtf16("Anna \uD83C\uDF38 \uFFFD"));
        Assert.False(SupporterText.IsValidUtf16("\uD800"));
        Assert.False(SupporterText.IsValidUtf16("\uDC00\uD800"));
        Assert.False(SupporterText.IsValidUtf16("Anna\uD83C"));
    }

    /// <summary>
    /// xunit passes theory data through UTF-8, which turns a lone surrogate into U+FFFD; those rows
    /// are written as escapes (<c>"\\uD800"</c>) and unescaped here, so the test gets the real thing.
    /// </summary>
    private static string Unescaped(string typed) => System.Text.RegularExpressions.Regex.Unescape(typed);
}
