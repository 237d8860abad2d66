using Microsoft.AspNetCore.Localization;
using PledgeBot.Dialogs.Content;
using PledgeBot.Dialogs.Languages;

namespace PledgeBot.Pages;

/// <summary>
/// One of the framework's providers (the query string, Accept-Language), narrowed to the languages
/// the running campaign is offered in, which a publish may change. Each language it names is read
/// as the bot reads a client's locale ("fr-CA" is French, "tl" Filipino); the first offered one
/// wins, and with none (a language not offered, a garbled value) the next provider decides.
/// </summary>
public sealed class OfferedLanguageProvider(IRequestCultureProvider inner, bool negotiated = false) : RequestCultureProvider
{
    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        if (negotiated && httpContext.GetEndpoint()?.Metadata.GetMetadata<SupporterPage>() is { FromAddressOnly: true })
        {
            return null;
        }

        var named = await inner.DetermineProviderCultureResult(httpContext);
        if (named is null)
        {
            return null;
        }

        var content = httpContext.RequestServices.GetRequiredService<CurrentCampaign>().Running.Content;
        var offered = named.UICultures
            .Select(language => TurnLanguage.Offered(content, language.Value))
            .FirstOrDefault(language => language is not null);
        return offered is null ? null : new ProviderCultureResult(offered.Name);
    }
}

/// <summary>The last word: the running campaign's default language (a publish may change it, so it is read per request).</summary>
public sealed class CampaignDefaultLanguageProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext) =>
        Task.FromResult<ProviderCultureResult?>(
            new ProviderCultureResult(httpContext.RequestServices.GetRequiredService<CurrentCampaign>().Running.Content.DefaultLanguage));
}
