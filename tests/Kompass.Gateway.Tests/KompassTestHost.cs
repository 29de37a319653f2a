using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kompass.Gateway.Tenancy;
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

    /// <summary>Sends as the platform admin <see cref="Admin"/> unless a request carries its own Authorization.</summary>
    public HttpClient Http { get; }

    /// <summary>Sends no token.</summary>
    public HttpClient AnonymousHttp { get; }

    public IServiceProvider Services => _app.Services;

    private KompassTestHost(WebApplication app, Uri address)
    {
        _app = app;
        AnonymousHttp = new HttpClient { BaseAddress = address };
        Http = new HttpClient { BaseAddress = address };
        // A host whose tokens come from an authority only has no key to sign them here: its tests bring their own.
        if (app.Services.GetRequiredService<AuthSettings>().SigningKey is not null)
            Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token("platform-admin", user: Admin, lifetime: TimeSpan.FromHours(12)));
    }

    /// <summary>The subject of the platform admin that <see cref="PostAsync"/> calls as when a test names nobody.</summary>
    public const string Admin = "admin@ks.no";

    /// <summary>A token this host accepts (signed with its key, the development key in Development).</summary>
    public string Token(string role, string? kommune = null, string? user = null, IEnumerable<string>? evaluations = null,
        TimeSpan? lifetime = null) =>
        TokenIssuer.Issue(_app.Services.GetRequiredService<AuthSettings>(),
            TokenClaims.Of(user ?? (kommune is null ? $"{role}@test" : $"{role}@{kommune}"), role, kommune, evaluations ?? []),
            DateTimeOffset.UtcNow, lifetime ?? TimeSpan.FromHours(1));

    /// <param name="settings">Configuration as key=value (e.g. Kompass:Storage:Provider=Memory). The host runs in
    /// Development, as <c>dotnet run</c> starts it, unless a setting names another environment.</param>
    public static Task<KompassTestHost> StartAsync(params string[] settings) => StartWithAsync(null, settings);

    /// <summary>As <see cref="StartAsync"/>, with more services (e.g. a grain call filter that counts calls).</summary>
    public static async Task<KompassTestHost> StartWithAsync(Action<WebApplicationBuilder>? configure, params string[] settings)
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
        if (!settings.Any(s => s.StartsWith("environment=", StringComparison.Ordinal)))
            args.Add("--environment=Development");
        if (!settings.Any(s => s.StartsWith("Kompass:Storage:Provider=", StringComparison.Ordinal)))
            args.Add("--Kompass:Storage:Provider=Memory");
        var app = KompassHost.Build([.. args], configure);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new KompassTestHost(app, new Uri(address));
    }

    /// <summary>POSTs a GraphQL request as a platform admin (subject <paramref name="actor"/>, else <see cref="Admin"/>).</summary>
    public Task<GraphQLResponse> PostAsync(string query, object? variables = null, string? actor = null) =>
        PostAsTokenAsync(query, variables, Token("platform-admin", user: actor ?? Admin));

    /// <summary>POSTs a GraphQL request with this bearer token (none when null); returns the status and the parsed JSON body.</summary>
    public async Task<GraphQLResponse> PostAsTokenAsync(string query, object? variables, string? token)
    {
        var body = JsonSerializer.Serialize(new { query, variables });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await SendAsync(request, anonymous: token is null);
    }

    public async Task<GraphQLResponse> SendAsync(HttpRequestMessage request, bool anonymous = false)
    {
        using var response = await (anonymous ? AnonymousHttp : Http).SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new GraphQLResponse(response.StatusCode, response.Content.Headers.ContentType?.MediaType, JsonNode.Parse(text)!.AsObject());
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        AnonymousHttp.Dispose();
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
