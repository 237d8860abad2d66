using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PledgeBot.Dialogs.Content;

namespace PledgeBot.Health;

/// <summary>
/// Health for orchestrators: <c>/healthz/live</c> says the process answers (a restart watchdog:
/// no dependency is checked, so a database outage does not get every instance restarted);
/// <c>/healthz/ready</c> runs every check (the database can be written, the campaign content is
/// loaded), for a load balancer choosing where to send people; <c>/healthz</c> is the same as ready,
/// kept for those who use it already.
/// </summary>
public static class HealthSetup
{
    public const string HealthPath = "/healthz";

    /// <summary>The tag of checks that liveness runs too: only checks of the process itself, never of what it depends on.</summary>
    public const string LiveTag = "live";

    public static IServiceCollection AddHealthEndpoints(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<CampaignContentHealthCheck>("campaign-content");
        return services;
    }

    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(HealthPath);
        app.MapHealthChecks(HealthPath + "/ready");
        app.MapHealthChecks(HealthPath + "/live", new HealthCheckOptions { Predicate = check => check.Tags.Contains(LiveTag) });
        return app;
    }

    private sealed class CampaignContentHealthCheck(CurrentCampaign campaign) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(campaign.Content.Causes.Count > 0
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("No campaign content is loaded."));
    }
}
