using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using PledgeBot.Dialogs.Content;

namespace PledgeBot.Pages;

/// <summary>
/// What a supporter's page says about its language: the <c>lang</c> and <c>dir</c> of its html
/// element, its addresses in each language, and the Open Graph locale of link previews. The
/// content passed in is the one the page is written from, already in the page's language.
/// </summary>
public static class PageLanguage
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary><c>lang="ar" dir="rtl"</c>, for the page's html element.</summary>
    public static string HtmlAttributes(CampaignContent content) =>
        $"lang=\"{content.Language}\" dir=\"{(content.IsRightToLeft ? "rtl" : "ltr")}\"";

    /// <summary>
    /// <paramref name="address"/> in <paramref name="language"/> (the page's own by default): as it
    /// is in the campaign's default language, which a plain address gets unless the browser asks
    /// for another, and with <c>lang=xx</c> added for any other language.
    /// </summary>
    public static string InLanguage(string address, CampaignContent content, string? language = null)
    {
        language ??= content.Language;
        if (string.Equals(language, content.DefaultLanguage, StringComparison.OrdinalIgnoreCase))
        {
            return address;
        }

        var fragment = address.IndexOf('#', StringComparison.Ordinal) is var hash and >= 0 ? address[hash..] : "";
        var path = address[..(address.Length - fragment.Length)];
        return $"{path}{(path.Contains('?', StringComparison.Ordinal) ? '&' : '?')}{SupporterPageLanguage.QueryKey}={Uri.EscapeDataString(language)}{fragment}";
    }

    /// <summary>
    /// The Open Graph locale of a language: language_TERRITORY, the form the protocol asks for,
    /// with the territory .NET names as the language's most likely one (fr_FR, ar_SA, fil_PH,
    /// sw_KE, en_US); just the language when .NET knows no territory for it.
    /// </summary>
    public static string OpenGraphLocale(string language)
    {
        var specific = CultureInfo.CreateSpecificCulture(language);
        return (specific.IsNeutralCulture || specific.Name.Length == 0 ? language : specific.Name).Replace('-', '_');
    }

    /// <summary>
    /// The page's language and its other languages for link previews (og:locale and
    /// og:locale:alternate), and a <c>link rel="alternate"</c> per language the campaign is offered
    /// in, plus x-default (the plain address, which follows the browser's languages).
    /// </summary>
    /// <param name="absoluteAddress">The page's address in the default language, absolute.</param>
    public static string AlternatesHtml(CampaignContent content, string absoluteAddress)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""<meta property="og:locale" content="{OpenGraphLocale(content.Language)}">""").Append('\n');
        foreach (var other in content.Languages.Where(l => !string.Equals(l, content.Language, StringComparison.OrdinalIgnoreCase)))
        {
            html.Append(CultureInfo.InvariantCulture, $"""<meta property="og:locale:alternate" content="{OpenGraphLocale(other)}">""").Append('\n');
        }

        foreach (var language in content.Languages)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"""<link rel="alternate" hreflang="{language}" href="{Html.Encode(LanguageAddress(absoluteAddress, language))}">""").Append('\n');
        }

        html.Append(CultureInfo.InvariantCulture, $"""<link rel="alternate" hreflang="x-default" href="{Html.Encode(absoluteAddress)}">""");
        return html.ToString();
    }

    // Every language's own address names it, the default's too: a reader of the French page who
    // follows the English alternate must get English whatever their browser prefers.
    private static string LanguageAddress(string address, string language) =>
        $"{address}{(address.Contains('?', StringComparison.Ordinal) ? '&' : '?')}{SupporterPageLanguage.QueryKey}={language}";
}
