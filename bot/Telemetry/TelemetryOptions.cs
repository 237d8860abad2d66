using System.ComponentModel.DataAnnotations;

namespace PledgeBot.Telemetry;

/// <summary>Where the bot's metrics and traces go: a Prometheus scrape endpoint and, when configured, an OTLP collector.</summary>
public sealed class TelemetryOptions : IValidatableObject
{
    public const string Section = "Telemetry";

    /// <summary>The standard OpenTelemetry variable, honoured when <see cref="OtlpEndpoint"/> is not set.</summary>
    public const string StandardOtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Serves the metrics at <c>/metrics</c> in Prometheus' text format.</summary>
    public bool Prometheus { get; set; } = true;

    /// <summary>
    /// When set, <c>/metrics</c> answers only requests with <c>Authorization: Bearer</c> and this key
    /// (Prometheus' <c>authorization</c> scrape setting); everyone else gets 401.
    /// </summary>
    [MinLength(32)]
    public string? PrometheusScrapeKey { get; set; }

    /// <summary>
    /// The OpenTelemetry collector to send traces and metrics to (its base address, e.g.
    /// <c>http://collector:4318</c>); nothing is exported when neither this nor the standard
    /// variable is set.
    /// </summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>How <see cref="OtlpEndpoint"/> is spoken to: <c>HttpProtobuf</c> (port 4318) or <c>Grpc</c> (port 4317).</summary>
    public OtlpProtocol OtlpProtocol { get; set; } = OtlpProtocol.HttpProtobuf;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (OtlpEndpoint is { } endpoint && !(endpoint.IsAbsoluteUri && (endpoint.Scheme == Uri.UriSchemeHttp || endpoint.Scheme == Uri.UriSchemeHttps)))
        {
            yield return new ValidationResult(
                $"{Section}:{nameof(OtlpEndpoint)} must be an absolute http or https address, such as http://collector:4318.", [nameof(OtlpEndpoint)]);
        }
    }
}

/// <summary>The two transports of OTLP that the exporter speaks.</summary>
public enum OtlpProtocol
{
    HttpProtobuf,
    Grpc,
}
