using System.Diagnostics;
using System.Net.Http.Json;
using Kompass.Storage;
using Kompass.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Logs;
using OpenTelemetry.Trace;

namespace Kompass.Host.Tests;

/// <summary>One GraphQL request is one trace from the HTTP request through the grain calls to storage, and its logs carry the trace id.</summary>
public sealed class TelemetryTests : IDisposable
{
    private readonly TempSqliteFile _file = new();

    [Fact]
    public async Task A_mutation_is_one_trace_from_http_through_grain_calls_to_storage_and_its_logs_carry_the_trace_id()
    {
        var spans = new List<Activity>();
        var logs = new List<LogRecord>();
        var app = KompassHost.Build(
            [
                "--urls=http://127.0.0.1:0",
                $"--Kompass:Cluster:SiloPort={FreePorts.Next()}",
                $"--Kompass:Cluster:GatewayPort={FreePorts.Next()}",
                $"--Kompass:Storage:Sqlite:Path={_file.Path}",
                "--Kompass:Demo:Seed=false",
                $"--Kompass:Auth:SigningKey={TestTokens.SigningKey}",
                "--Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics=Information",
                .. ClusterCertificates.DefaultFor([]),
            ],
            builder =>
            {
                builder.Services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans));
                builder.Services.ConfigureOpenTelemetryLoggerProvider(l => l.AddInMemoryExporter(logs));
            });
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient { BaseAddress = new Uri(address) };
            // Our own trace id on the request: spans of other tests in this process (listeners are process-wide) are not ours.
            var traceId = ActivityTraceId.CreateRandom();
            using var post = new HttpRequestMessage(HttpMethod.Post, "/graphql")
            {
                Content = JsonContent.Create(new { query = """mutation { registerKommune(input: {kommuneId: "NO-5027"}) { id name } }""" }),
            };
            post.Headers.Authorization = TestTokens.AdminHeader();
            post.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
            using var response = await http.SendAsync(post);
            Assert.Contains("Midtre Gauldal", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            // The server's request span ends (and is exported) after the client has the whole answer: wait for it.
            Activity[] all = [];
            for (var wait = Stopwatch.StartNew(); wait.Elapsed < TimeSpan.FromSeconds(10); await Task.Delay(50))
            {
                app.Services.GetRequiredService<TracerProvider>().ForceFlush();
                lock (spans)
                    all = [.. spans];
                if (all.Any(s => s.Source.Name == "Microsoft.AspNetCore" && s.TraceId == traceId))
                    break;
            }
            var request = Assert.Single(all, s => s.Source.Name == "Microsoft.AspNetCore" && s.TraceId == traceId);
            Assert.Contains("/graphql", request.DisplayName, StringComparison.Ordinal);
            var trace = all.Where(s => s.TraceId == request.TraceId).ToArray();
            var grainCalls = trace.Where(s => s.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal)).ToArray();
            var writes = trace.Where(s => s.Source.Name == StorageTelemetry.Name && s.DisplayName.StartsWith("storage write", StringComparison.Ordinal)).ToArray();
            Assert.NotEmpty(grainCalls);
            Assert.Contains(writes, w => w.DisplayName == "storage write kommune");

            // Each storage write hangs, through grain call spans, under the HTTP request's span.
            var byId = trace.ToDictionary(s => s.SpanId);
            foreach (var write in writes)
            {
                var chain = new List<string>();
                for (var span = write; span is not null; span = byId.GetValueOrDefault(span.ParentSpanId))
                    chain.Add(span.Source.Name);
                Assert.Equal("Microsoft.AspNetCore", chain[^1]);
                Assert.Contains(chain, c => c.StartsWith("Microsoft.Orleans", StringComparison.Ordinal));
            }

            LogRecord[] records;
            lock (logs)
                records = [.. logs];
            Assert.Contains(records, r => r.TraceId == request.TraceId && r.CategoryName == "Microsoft.AspNetCore.Hosting.Diagnostics");
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    [Fact]
    public void Only_a_watchdog_report_longer_than_the_process_has_run_is_dropped()
    {
        static IReadOnlyList<KeyValuePair<string, object?>> Report(TimeSpan stalled) => [new("TimeSinceLastTick", stalled)];
        var now = DateTime.UtcNow;
        var uptime = now - Process.GetCurrentProcess().StartTime.ToUniversalTime();

        Assert.True(WatchdogFalseAlarm.IsFalseAlarm(WatchdogFalseAlarm.Category, Report(uptime + TimeSpan.FromHours(3)), now));
        Assert.False(WatchdogFalseAlarm.IsFalseAlarm(WatchdogFalseAlarm.Category, Report(uptime / 2), now)); // a real stall
        Assert.False(WatchdogFalseAlarm.IsFalseAlarm("Orleans.Runtime.Silo", Report(uptime + TimeSpan.FromHours(3)), now));
    }

    public void Dispose() => _file.Dispose();
}
