using System.Globalization;
using Microsoft.AspNetCore.Localization;
using PledgeBot.Dialogs.Languages;

namespace PledgeBot.Pages;

/// <summary>
/// Serves the supporters' pages (chat, privacy, share pages, results, confirmation, their 404s) in
/// the reader's language, with ASP.NET Core's request localization: <c>?lang=xx</c> when the
/// campaign is offered in it, else the best offered language of the browser's Accept-Language,
/// else the campaign's default. The choice becomes the request's <see cref="SupporterLanguage"/>,
/// so <c>CurrentCampaign.Content</c> is the translated content and <see cref="PageWords"/> the
/// page's words. Admin pages and the APIs are left alone: they carry no mark and so stay in the
/// default language.
/// </summary>
public static class SupporterPageLanguage
{
    /// <summary>The query parameter that names a page's language, as share links carry it.</summary>
    public const string QueryKey = "lang";

    /// <summary>Marks endpoints as supporters' pages, served in the reader's language.</summary>
    /// <param name="fromAddressOnly">Only <c>?lang=</c> counts, never the browser's languages: for a picture whose address a page names, so that every reader of that page gets the same one.</param>
    public static TBuilder InSupporterLanguage<TBuilder>(this TBuilder endpoints, bool fromAddressOnly = false)
        where TBuilder : IEndpointConventionBuilder =>
        endpoints.WithMetadata(fromAddressOnly ? SupporterPage.AddressOnly : SupporterPage.Negotiated);

    public static WebApplication UseSupporterPageLanguage(this WebApplication app)
    {
        var localization = new RequestLocalizationOptions
        {
            // Only the UI culture follows the reader; CurrentCulture stays invariant (see SupporterLanguage).
            DefaultRequestCulture = new RequestCulture(CultureInfo.InvariantCulture, CultureInfo.GetCultureInfo(CampaignLanguages.English)),
            SupportedCultures = [CultureInfo.InvariantCulture],
            SupportedUICultures = CampaignLanguages.Supported.ToList(),
            RequestCultureProviders =
            [
                new OfferedLanguageProvider(new QueryStringRequestCultureProvider { QueryStringKey = QueryKey, UIQueryStringKey = QueryKey }),
                // A browser may list many languages before one the campaign is offered in.
                new OfferedLanguageProvider(new AcceptLanguageHeaderRequestCultureProvider { MaximumAcceptLanguageHeaderValuesToTry = 10 }, negotiated: true),
                new CampaignDefaultLanguageProvider(),
            ],
        };

        app.UseWhen(
            context => context.GetEndpoint()?.Metadata.GetMetadata<SupporterPage>() is not null,
            page => page.UseRequestLocalization(localization).Use(ServeInChosenLanguage));
        return app;
    }

    private static Task ServeInChosenLanguage(HttpContext context, RequestDelegate next)
    {
        SupporterLanguage.Use(context.Features.Get<IRequestCultureFeature>()!.RequestCulture.UICulture);
        if (context.GetEndpoint()?.Metadata.GetMetadata<SupporterPage>() is { FromAddressOnly: false })
        {
            // Public caches must not hand one reader's language to another.
            context.Response.Headers.Append("Vary", "Accept-Language");
        }

        return next(context);
    }
}

/// <summary>The mark of a supporter's page (see <see cref="SupporterPageLanguage"/>).</summary>
public sealed record SupporterPage(bool FromAddressOnly)
{
    public static readonly SupporterPage Negotiated = new(false);

    public static readonly SupporterPage AddressOnly = new(true);
}
