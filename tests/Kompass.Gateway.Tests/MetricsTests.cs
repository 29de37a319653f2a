using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;

namespace Kompass.Gateway.Tests;

/// <summary>Errors are counted by code on the Kompass meter, where an operator's collector reads them.</summary>
[Collection(SharedHostCollection.Name)]
public sealed class MetricsTests(SharedHostFixture fixture) : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _errors = new();

    [Fact]
    public async Task Each_error_answered_is_counted_by_its_code()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Kompass" && instrument.Name == "kompass.graphql.errors")
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag.Key == "code")
                    _errors.AddOrUpdate((string)tag.Value!, value, (_, n) => n + value);
        });
        _listener.Start();

        var notFound = await fixture.Host.PostAsync("""mutation { rateScoringPoints(input: {evaluationId: "NO-4901/eval/2026-1", ratings: [{code: "1.1", system: 1, scope: 1, result: 1}]}) { id } }""");
        var syntax = await fixture.Host.PostAsync("{ kommune(id: ");

        Assert.Equal("NOT_FOUND", notFound.Code);
        Assert.Equal(HttpStatusCode.BadRequest, syntax.Status);
        Assert.True(_errors.GetValueOrDefault("NOT_FOUND") >= 1, string.Join(", ", _errors));
        Assert.True(_errors.GetValueOrDefault(syntax.Code!) >= 1, string.Join(", ", _errors));
    }

    public void Dispose() => _listener.Dispose();
}
