using Microsoft.Extensions.Options;
using PledgeBot.Campaign;

namespace PledgeBot.Security;

public static class SecurityHeadersSetup
{
    /// <summary>The Content-Security-Policy and friends; see <see cref="SecurityHeadersOptions"/> for the Azure Direct Line switch.</summary>
    public static IServiceCollection AddSecurityHeaders(this IServiceCollection services)
    {
        services.AddOptions<SecurityHeadersOptions>();
        services.AddSingleton(sp => new ContentSecurityPolicy(
            sp.GetRequiredService<IOptions<SecurityHeadersOptions>>().Value,
            sp.GetRequiredService<IOptions<CampaignOptions>>().Value.PublicBaseUrl));
        return services;
    }

    /// <summary>Put first, so that every response gets the headers.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.UseMiddleware<SecurityHeadersMiddleware>();
}
