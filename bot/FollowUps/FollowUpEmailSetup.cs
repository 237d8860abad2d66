using Microsoft.AspNetCore.Mvc;
using PledgeBot.Pages;
using PledgeBot.Privacy;
using PledgeBot.RateLimits;

namespace PledgeBot.FollowUps;

public static class FollowUpEmailSetup
{
    private static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    /// <summary>
    /// The email route of follow-ups (the worker finds it among the <see cref="IFollowUpDelivery"/>
    /// routes), the email it writes and the signed tokens of its unsubscribe links. After
    /// AddPledgeConfirmation, whose mail transport and email settings it uses.
    /// </summary>
    public static IServiceCollection AddFollowUpEmail(this IServiceCollection services)
    {
        services.AddSingleton(sp => new UnsubscribeTokens(sp.GetRequiredService<ServerSecret>().DeriveKey("follow-up-unsubscribe")));
        services.AddSingleton<FollowUpEmailMessages>();
        services.AddSingleton<IFollowUpDelivery, EmailFollowUpDelivery>();
        services.AddSingleton<UnsubscribeEndpoint>();
        return services;
    }

    /// <summary>GET /unsubscribe?token=... (the page and its button), POST (the button, or a mail client's one click).</summary>
    public static WebApplication MapFollowUpEmail(this WebApplication app)
    {
        var path = "/" + FollowUpEmailMessages.UnsubscribePath;
        app.MapMethods(path, GetAndHead, (HttpContext context, UnsubscribeEndpoint endpoint) => endpoint.Ask(context))
            .InSupporterLanguage()
            .RequireRateLimiting(RateLimitPolicies.SharePage)
            .WithMetadata(new RequestSizeLimitAttribute(RequestBodyLimits.NoBody));
        app.MapPost(path, (HttpContext context, UnsubscribeEndpoint endpoint) => endpoint.UnsubscribeAsync(context))
            .InSupporterLanguage()
            .RequireRateLimiting(RateLimitPolicies.SharePage)
            .WithMetadata(new RequestSizeLimitAttribute(UnsubscribeEndpoint.FormBytes))
            // A mail client posts with no cookie and no antiforgery token; the signed token in the
            // address is what shows the request comes from the email's reader.
            .DisableAntiforgery();
        return app;
    }
}
