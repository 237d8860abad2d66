using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace PledgeBot.ReverseProxy;

public static class ReverseProxySetup
{
    /// <summary>
    /// Behind a reverse proxy every request comes from the proxy's address, so the limits per client
    /// address would be one limit for everybody. The framework's forwarded headers middleware gives
    /// each request the client's address from X-Forwarded-For, but only when the request comes from
    /// a proxy named in <c>ReverseProxy:TrustedProxies</c>: from anyone else the header is a lie
    /// anybody can tell, and is ignored.
    /// </summary>
    public static IServiceCollection AddReverseProxySupport(this IServiceCollection services)
    {
        services.AddOptions<ReverseProxyOptions>().BindConfiguration(ReverseProxyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ReverseProxyOptions>>((forwarded, proxy) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the named proxies; the framework's default trusts loopback, which a local proxy names itself.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var entry in proxy.Value.TrustedProxies)
            {
                if (System.Net.IPNetwork.TryParse(entry, out var network))
                {
                    forwarded.KnownIPNetworks.Add(network);
                }
                else if (IPAddress.TryParse(entry, out var address))
                {
                    forwarded.KnownProxies.Add(address);
                }
            }
        });
        return services;
    }

    /// <summary>Only when proxies are named: otherwise nothing a request says about its origin is believed.</summary>
    public static WebApplication UseReverseProxySupport(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ReverseProxyOptions>>().Value.TrustedProxies.Length > 0)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }
}
