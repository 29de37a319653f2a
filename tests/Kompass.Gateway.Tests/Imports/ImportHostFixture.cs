using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Kompass.Gateway.Imports;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace Kompass.Gateway.Tests.Imports;

/// <summary>Counts the calls the silo receives on the Kompass grains, by interface and method (e.g. <c>IKommuneGrain.Get</c>).</summary>
public sealed class GrainCallCounter : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<string, int> _calls = new();

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod?.DeclaringType is { Namespace: { } ns } type && ns.StartsWith("Kompass.", StringComparison.Ordinal))
            _calls.AddOrUpdate($"{type.Name}.{context.MethodName}", 1, (_, n) => n + 1);
        await context.Invoke();
    }

    public void Reset() => _calls.Clear();

    public IReadOnlyDictionary<string, int> Calls => new Dictionary<string, int>(_calls);

    public int CallsTo(string grainInterface) => _calls.Where(c => c.Key.StartsWith(grainInterface + ".", StringComparison.Ordinal)).Sum(c => c.Value);
}

/// <summary>
/// A host of its own (empty store, no demo data) for the CSV import and the kommuner page, with a
/// <see cref="GrainCallCounter"/> in its silo: imports here do not show in the other hosts' directories.
/// </summary>
public sealed class ImportHostFixture : IAsyncLifetime
{
    public KompassTestHost Host { get; private set; } = null!;
    public GrainCallCounter Counter { get; } = new();

    public async Task InitializeAsync() => Host = await KompassTestHost.StartWithAsync(builder =>
    {
        builder.Services.AddSingleton(Counter);
        builder.Services.AddSingleton<IIncomingGrainCallFilter>(Counter);
    }, "Kompass:Demo:Seed=false");

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ImportHostCollection : ICollectionFixture<ImportHostFixture>
{
    public const string Name = "Import host";
}

/// <summary>The import's HTTP calls the tests share.</summary>
public static class ImportCalls
{
    public const string Header = "country,number,framework_version,evaluated_on,area_1,area_2,area_3,area_4,area_5,area_6,area_7,area_8,total,source";

    /// <summary>The subject of the platform admin that imports unless a test names another token.</summary>
    public const string Importer = "importer@ks.no";

    /// <summary>POSTs a CSV body (text/csv) as the platform admin <see cref="Importer"/>, or with <paramref name="token"/> ("" for none).</summary>
    public static Task<(HttpStatusCode Status, JsonObject Body)> PostCsvAsync(this KompassTestHost host, string csv, bool dryRun, string? token = null) =>
        host.SendImportAsync(new StringContent(csv, Encoding.UTF8, "text/csv"), $"?dryRun={(dryRun ? "true" : "false")}",
            token ?? host.Token("platform-admin", user: Importer));

    public static async Task<(HttpStatusCode Status, JsonObject Body)> SendImportAsync(this KompassTestHost host, HttpContent content, string query, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, HistoricalImportEndpoint.Path + query) { Content = content };
        if (token.Length > 0)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await host.AnonymousHttp.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    public static async Task Eventually(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30))
                throw new TimeoutException($"Not within 30 s: {what}.");
            await Task.Delay(100);
        }
    }
}
