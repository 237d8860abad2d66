using Microsoft.AspNetCore.Mvc;
using PledgeBot.Pages;
using PledgeBot.RateLimits;

namespace PledgeBot.PublicResults;

public static class PublicResultsSetup
{
    private static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    /// <summary>The public results: one reader of the figures, the page and the JSON.</summary>
    public static IServiceCollection AddPublicResults(this IServiceCollection services)
    {
        services.AddSingleton<PublicResultsReader>();
        services.AddSingleton<PublicResultsEndpoint>();
        return services;
    }

    /// <summary>GET /results and /results.json, limited per client address like the share pages; anything else under /results/ is the friendly 404.</summary>
    public static WebApplication MapPublicResults(this WebApplication app)
    {
        app.MapMethods("/results", GetAndHead, (HttpContext context, PublicResultsEndpoint results) => results.PageAsync(context))
            .InSupporterLanguage()
            .RequireRateLimiting(RateLimitPolicies.SharePage)
            .WithMetadata(new RequestSizeLimitAttribute(RequestBodyLimits.NoBody));
        app.MapMethods("/results.json", GetAndHead, (HttpContext context, PublicResultsEndpoint results) => results.JsonAsync(context))
            .RequireRateLimiting(RateLimitPolicies.SharePage)
            .WithMetadata(new RequestSizeLimitAttribute(RequestBodyLimits.NoBody));
        app.MapMethods("/results/{**rest}", GetAndHead, (HttpContext context, PublicResultsEndpoint results) => results.NotFound(context)).InSupporterLanguage();
        return app;
    }
}
