using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PledgeBot.Tests.Support;

namespace PledgeBot.Tests.Telemetry;

/// <summary>A collector configured by Telemetry:OtlpEndpoint receives the host's spans over OTLP/HTTP.</summary>
public sealed class OtlpExportTests : IAsyncDisposable
{
    private readonly TempFolder data = new();
    private LocalServer? collector;
    private int traceExports;

    [Fact]
    public async Task WithAnOtlpEndpointTheTurnsSpansAreExportedToTheCollector()
    {
        collector = await LocalServer.StartAsync(routes =>
        {
            routes.MapPost("/v1/traces", (HttpRequest request) =>
            {
                if (request.ContentType == "application/x-protobuf")
                {
                    Interlocked.Increment(ref traceExports);
                }

                return Results.Bytes([], "application/x-protobuf");
            });
            routes.MapPost("/v1/metrics", () => Results.Bytes([], "application/x-protobuf"));
        });
        using var app = new BotApplication(data.Path, new Dictionary<string, string?>
        {
            ["Telemetry:OtlpEndpoint"] = collector.BaseAddress,
            ["Telemetry:OtlpProtocol"] = "HttpProtobuf",
            // The standard setting of the span batch's delay, read by the exporter from configuration: not 5 s in a test.
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        });

        await ExpectReplies.PostAsync(app.CreateClient(), new ChannelActivities().Message("results"));

        await Eventually.TrueAsync(() => Task.FromResult(Volatile.Read(ref traceExports) > 0), "a trace export reached the collector");
    }

    [Fact]
    public void AnOtlpEndpointThatIsNotAnHttpAddressStopsTheStart()
    {
        using var app = new BotApplication(data.Path, new Dictionary<string, string?> { ["Telemetry:OtlpEndpoint"] = "collector:4318" });

        var problem = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("Telemetry:OtlpEndpoint", problem.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        if (collector is not null)
        {
            await collector.DisposeAsync();
        }

        data.Dispose();
    }
}
