using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using PledgeBot.Campaign;
using PledgeBot.Dialogs.Cards;
using PledgeBot.Dialogs.Content;
using PledgeBot.Pages;
using PledgeBot.RateLimits;

namespace PledgeBot.SharePage;

public static class SharePageSetup
{
    private static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    /// <summary>The share pages, their preview pictures (drawn with SkiaSharp, cached in memory) and their theme stylesheet.</summary>
    public static IServiceCollection AddSharePage(this IServiceCollection services)
    {
        services.AddSingleton(sp => new SharePageLinks(sp.GetRequiredService<CardSettings>()));
        services.AddSingleton<SharePageTheme>();
        services.AddSingleton<CauseCountsReader>();
        services.AddSingleton(_ => new ShareCardFonts());
        services.AddSingleton(sp => new ShareCardRenderer(
            sp.GetRequiredService<ShareCardFonts>(),
            CampaignSetup.CampaignFolder(sp.GetRequiredService<IOptions<CampaignOptions>>().Value)));
        services.AddSingleton<ShareCardCache>();
        services.AddSingleton<SharePageEndpoint>();
        services.AddSingleton<ShareCardEndpoint>();
        return services;
    }

    /// <summary>GET /c/{causeId} (the share page), /c/{causeId}/card.png (its picture), the friendly 404 for anything else under /c/, and /share-theme.css.</summary>
    public static WebApplication MapSharePage(this WebApplication app)
    {
        app.MapMethods("/c/{causeId}", GetAndHead,
            (HttpContext context, string causeId, SharePageEndpoint page) => page.HandleAsync(context, causeId))
            .InSupporterLanguage()
            .RequireRateLimiting(RateLimitPolicies.SharePage)
            .WithMetadata(new RequestSizeLimitAttribute(RequestBodyLimits.NoBody));
        app.MapMethods("/c/{causeId}/card.png", GetAndHead,
            (HttpContext context, string causeId, ShareCardEndpoint card) => card.HandleAsync(context, causeId))
            // The picture's language is in its address (the page names it), whatever the fetcher's browser prefers.
            .InSupporterLanguage(fromAddressOnly: true)
            .RequireRateLimiting(RateLimitPolicies.SharePage)
            .WithMetadata(new RequestSizeLimitAttribute(RequestBodyLimits.NoBody));
        // Everything else under /c (no id, more segments): the same friendly 404, never the framework's empty one.
        app.MapMethods("/c/{**rest}", GetAndHead, (HttpContext context, SharePageEndpoint page) => page.NotFound(context)).InSupporterLanguage();
        app.MapMethods(SharePageTheme.RequestPath, GetAndHead, (HttpContext context, SharePageTheme theme) => theme.Serve(context));
        return app;
    }
}
