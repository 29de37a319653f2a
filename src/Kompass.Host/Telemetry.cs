using Kompass.Storage;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Kompass.Host;

internal static class Telemetry
{
    /// <summary>The lead's delivery meter (kompass.delivery.pending, kompass.delivery.failures).</summary>
    public const string KompassMeter = "Kompass";

    /// <summary>
    /// Traces, metrics and logs. One GraphQL request is one trace: the ASP.NET Core request span, GraphQL.NET's
    /// span, a span per grain call (Orleans activity propagation) and a span per storage call
    /// (<see cref="StorageTelemetry"/>). Log records carry the trace and span id of the request they were
    /// written in. Exported over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set (the exporter reads the
    /// standard OTEL_* variables). The README lists the metrics an operator watches.
    /// </summary>
    public static IServiceCollection AddKompassTelemetry(this IServiceCollection services, IConfiguration config)
    {
        var otel = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(config["OTEL_SERVICE_NAME"] ?? "kompass-cloud"))
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation()
                .AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                .AddSource(Gateway.GatewayServiceCollectionExtensions.ActivitySourceName)
                .AddSource(StorageTelemetry.Name))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddMeter("Microsoft.Orleans", KompassMeter, StorageTelemetry.Name))
            .WithLogging(logging => { }, options =>
            {
                options.IncludeFormattedMessage = true;
                options.IncludeScopes = true;
            });
        if (!string.IsNullOrWhiteSpace(config["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            otel.UseOtlpExporter();
        return services;
    }
}
