using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Kompass.Gateway.Tests;

/// <summary>What operators rely on: /health answers from the cluster, telemetry is wired.</summary>
[Collection(SharedHostCollection.Name)]
public sealed class OperationsTests(SharedHostFixture fixture)
{
    [Fact]
    public async Task Health_answers_healthy_when_the_cluster_answers()
    {
        using var response = await fixture.Host.Http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void Traces_and_metrics_are_wired()
    {
        Assert.NotNull(fixture.Host.Services.GetService<TracerProvider>());
        Assert.NotNull(fixture.Host.Services.GetService<MeterProvider>());
    }
}
