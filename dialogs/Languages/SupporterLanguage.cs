using System.Globalization;

namespace PledgeBot.Dialogs.Languages;

/// <summary>
/// The language the current supporter is served in, for one bot turn or one request of a
/// supporter's page. It is set once at the edge (the bot's language middleware, the pages'
/// language middleware) and flows with the async work, like .NET's own
/// <see cref="CultureInfo.CurrentUICulture"/>, which it sets too, so the bot's words (resources)
/// follow it without every card being handed a language. <see cref="CultureInfo.CurrentCulture"/> is
/// left alone on purpose: ids, addresses, SQL and logs are formatted with it, and must not change
/// with the reader (Arabic writes a minus sign with a direction mark). Numbers and dates a supporter
/// reads are formatted with <see cref="Current"/> explicitly.
/// Work that serves no supporter (admin pages, exports, CRM deliveries) never sets it and so sees
/// the campaign's default language; an email sent later sets it for the time it is written.
/// </summary>
public static class SupporterLanguage
{
    private static readonly AsyncLocal<CultureInfo?> current = new();

    /// <summary>The supporter's language, or null outside a supporter's turn or page.</summary>
    public static CultureInfo? Current => current.Value;

    /// <summary>How a supporter's numbers and dates are written: their language's form, or English's outside a supporter's turn.</summary>
    public static CultureInfo Formatting => current.Value ?? CultureInfo.GetCultureInfo(CampaignLanguages.English);

    /// <summary>
    /// Serves the rest of this async flow in <paramref name="language"/>. Called in an async method
    /// before it awaits the rest of the turn, the change ends when that method returns.
    /// </summary>
    public static void Use(CultureInfo language)
    {
        current.Value = language;
        CultureInfo.CurrentUICulture = language;
    }

    /// <summary>
    /// Runs synchronous <paramref name="work"/> in <paramref name="language"/> and then puts back
    /// the language before it: outside an async method, a change would stay with the caller.
    /// </summary>
    public static T During<T>(CultureInfo language, Func<T> work)
    {
        var (before, uiBefore) = (current.Value, CultureInfo.CurrentUICulture);
        Use(language);
        try
        {
            return work();
        }
        finally
        {
            current.Value = before;
            CultureInfo.CurrentUICulture = uiBefore;
        }
    }
}
