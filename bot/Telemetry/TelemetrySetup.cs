using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using PledgeBot.Storage;

namespace PledgeBot.Telemetry;

public static class TelemetrySetup
{
    public const string ScrapePath = "/metrics";

    /// <summary>
    /// Metrics (the bot's own, ASP.NET Core's, HttpClient's, the runtime's) for the Prometheus
    /// endpoint and OTLP; spans (turns, storage, requests, outgoing calls) only when OTLP is
    /// configured, since nothing else would read them and a span costs on every turn. Must come
    /// after the storage: it counts the votes and pledges the stores take.
    /// </summary>
    public static IServiceCollection AddCampaignTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<BotMetrics>();
        services.AddSingleton<TurnTelemetry>();
        services.AddSingleton<CrmBacklogGauge>();
        services.Decorate<IVoteStore>((inner, sp) => new CountingVoteStore(inner, sp.GetRequiredService<BotMetrics>()));
        services.Decorate<IPledgeStore>((inner, sp) => new CountingPledgeStore(inner, sp.GetRequiredService<BotMetrics>()));

        // What is traced, whoever exports it; the scrubber comes first so that every exporter gets scrubbed spans.
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing
            .AddSource(BotTracing.SourceName, StorageTracing.SourceName)
            .AddProcessor(new PersonalDataScrubber())
            .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => !IsOperatorProbe(context.Request.Path))
            .AddHttpClientInstrumentation());
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics
            .AddMeter(BotMetrics.MeterName)
            .AddAspNetCoreInstrumentation()
            .AddHttpClientInstrumentation()
            .AddMeter("System.Runtime"));

        // Read here, not through IOptions: which exporters exist is decided while services are registered.
        var options = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var telemetry = services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService(
            configuration["OTEL_SERVICE_NAME"] ?? "pledgebot", serviceVersion: typeof(TelemetrySetup).Assembly.GetName().Version?.ToString()));
        if (options.Prometheus)
        {
            telemetry.WithMetrics(metrics => metrics.AddPrometheusExporter());
        }

        if (options.OtlpEndpoint is { } endpoint)
        {
            var protocol = options.OtlpProtocol == OtlpProtocol.Grpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
            telemetry
                .WithTracing(tracing => tracing.AddOtlpExporter(otlp => (otlp.Protocol, otlp.Endpoint) = (protocol, SignalEndpoint(endpoint, protocol, "v1/traces"))))
                .WithMetrics(metrics => metrics.AddOtlpExporter(otlp => (otlp.Protocol, otlp.Endpoint) = (protocol, SignalEndpoint(endpoint, protocol, "v1/metrics"))));
        }
        else if (!string.IsNullOrWhiteSpace(configuration[TelemetryOptions.StandardOtlpEndpointVariable]))
        {
            // The exporter reads the standard OTEL_EXPORTER_OTLP_* variables itself.
            telemetry.WithTracing(tracing => tracing.AddOtlpExporter()).WithMetrics(metrics => metrics.AddOtlpExporter());
        }

        return services;
    }

    /// <summary>
    /// The Prometheus scrape endpoint, when it is on; with a scrape key, only for requests that
    /// present it. Health probes and scrapes are not traced: they would drown the turns.
    /// </summary>
    public static WebApplication MapTelemetry(this WebApplication app)
    {
        // The backlog gauge registers itself with the meter when it is first made.
        app.Services.GetRequiredService<CrmBacklogGauge>();
        var options = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        if (options.Prometheus)
        {
            app.MapPrometheusScrapingEndpoint(ScrapePath, meterProvider: null, configureBranchedPipeline: scrape =>
            {
                if (options.PrometheusScrapeKey is { } key)
                {
                    scrape.Use((context, next) => PresentsKey(context, key) ? next(context) : Unauthorized(context));
                }
            }, optionsName: null);
        }

        return app;
    }

    private static bool IsOperatorProbe(PathString path) =>
        path.StartsWithSegments(ScrapePath) || path.StartsWithSegments(Health.HealthSetup.HealthPath);

    private static bool PresentsKey(HttpContext context, string key)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim()), Encoding.UTF8.GetBytes(key));
    }

    private static Task Unauthorized(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return TypedResults.Problem("The metrics need the scrape key.", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized").ExecuteAsync(context);
    }

    // OTLP over HTTP has one path per signal under the collector's base address; gRPC has one address.
    private static Uri SignalEndpoint(Uri endpoint, OtlpExportProtocol protocol, string signalPath) =>
        protocol == OtlpExportProtocol.Grpc ? endpoint : new Uri(new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/"), signalPath);
}
