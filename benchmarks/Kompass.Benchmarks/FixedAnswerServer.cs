using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Reflection;
using Kompass.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Kompass.Benchmarks;

/// <summary>
/// The ceiling of the read path: Kestrel answering POST /graphql with fixed bytes (one evaluation's answer, as the
/// service gives it), in a process of its own (this benchmark, command <c>fixed-answer</c>) so its CPU is
/// counted as the host's is. Nothing is parsed, checked or looked up.
/// </summary>
internal sealed class FixedAnswerServer : IAsyncDisposable
{
    public const string Command = "fixed-answer";

    private readonly Process _process;

    private FixedAnswerServer(Process process, Uri graphQL)
    {
        _process = process;
        GraphQL = graphQL;
    }

    public Uri GraphQL { get; }

    public int Id => _process.Id;

    /// <summary>Starts the server on a free loopback port with the answer in <paramref name="answerFile"/>; returns when it answers.</summary>
    public static async Task<FixedAnswerServer> StartAsync(string answerFile, HttpClient http)
    {
        var port = FreePorts.Next();
        var info = new ProcessStartInfo("dotnet", [Assembly.GetEntryAssembly()!.Location, Command, port.ToString(CultureInfo.InvariantCulture), answerFile])
        {
            UseShellExecute = false,
        };
        var server = new FixedAnswerServer(Process.Start(info) ?? throw new InvalidOperationException("Could not start the fixed-answer server."),
            new Uri($"http://127.0.0.1:{port}/graphql"));
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(60); await Task.Delay(50))
        {
            try
            {
                using var response = await http.PostAsync(server.GraphQL, new StringContent("{}"));
                if (response.StatusCode == HttpStatusCode.OK)
                    return server;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
        }
        await server.DisposeAsync();
        throw new TimeoutException("The fixed-answer server did not answer within 60 s.");
    }

    /// <summary>The server itself (runs in the child process until it is killed).</summary>
    public static async Task ServeAsync(int port, string answerFile)
    {
        var answer = await File.ReadAllBytesAsync(answerFile);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapPost("/graphql", (HttpContext http) =>
        {
            http.Response.ContentType = "application/graphql-response+json; charset=utf-8";
            http.Response.ContentLength = answer.Length;
            return http.Response.Body.WriteAsync(answer).AsTask();
        });
        await app.RunAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
