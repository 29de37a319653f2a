using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kompass.Host;
using Kompass.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Kompass.Gateway.Tests;

/// <summary>
/// The real host (silo + gateway, as `dotnet run` starts it) on Kestrel at a free loopback port,
/// called over real HTTP. Settings are passed as command-line arguments, as a user would.
/// </summary>
public sealed class KompassTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    public HttpClient Http { get; }
    public IServiceProvider Services => _app.Services;

    private KompassTestHost(WebApplication app, Uri address)
    {
        _app = app;
        Http = new HttpClient { BaseAddress = address };
    }

    /// <param name="settings">Configuration as key=value (e.g. Kompass:Storage:Provider=Memory).</param>
    public static async Task<KompassTestHost> StartAsync(params string[] settings)
    {
        var args = new List<string>
        {
            "--urls=http://127.0.0.1:0",
            $"--Kompass:Cluster:SiloPort={FreePorts.Next()}",
            $"--Kompass:Cluster:GatewayPort={FreePorts.Next()}",
            "--Logging:LogLevel:Default=Warning",
        };
        args.AddRange(ClusterCertificates.DefaultFor(settings));
        args.AddRange(settings.Select(s => "--" + s));
        if (!settings.Any(s => s.StartsWith("Kompass:Storage:Provider=", StringComparison.Ordinal)))
            args.Add("--Kompass:Storage:Provider=Memory");
        var app = KompassHost.Build([.. args]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new KompassTestHost(app, new Uri(address));
    }

    /// <summary>POSTs a GraphQL request; returns the status and the parsed JSON body.</summary>
    public async Task<GraphQLResponse> PostAsync(string query, object? variables = null, string? actor = null)
    {
        var body = JsonSerializer.Serialize(new { query, variables });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        if (actor is not null)
            request.Headers.Add("X-Kompass-User", actor);
        return await SendAsync(request);
    }

    public async Task<GraphQLResponse> SendAsync(HttpRequestMessage request)
    {
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new GraphQLResponse(response.StatusCode, response.Content.Headers.ContentType?.MediaType, JsonNode.Parse(text)!.AsObject());
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record GraphQLResponse(HttpStatusCode Status, string? ContentType, JsonObject Body)
{
    public JsonNode? Data => Body["data"];
    public JsonArray? Errors => Body["errors"]?.AsArray();

    /// <summary>The first error's extensions.code, or null when there is no error.</summary>
    public string? Code => Errors?[0]?["extensions"]?["code"]?.GetValue<string>();
    public string? Field => Errors?[0]?["extensions"]?["field"]?.GetValue<string>();

    public GraphQLResponse AssertNoErrors()
    {
        Assert.True(Errors is null, $"Unexpected errors: {Errors?.ToJsonString()}");
        return this;
    }
}
