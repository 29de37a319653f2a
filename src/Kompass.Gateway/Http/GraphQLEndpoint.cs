using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using GraphQL.Validation;
using GraphQLParser.AST;
using Kompass.Contracts;
using Kompass.Domain.Tenancy;
using Kompass.Gateway.Caching;
using Kompass.Gateway.Tenancy;
using Kompass.Gateway.Types;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Kompass.Gateway.Http;

/// <summary>
/// The GraphQL-over-HTTP endpoint: POST application/json for queries and mutations, GET for queries,
/// answers in application/graphql-response+json (or application/json when that is all the client accepts).
/// Persisted queries, the document cache and conditional GETs are in <see cref="Caching"/>.
/// </summary>
public static class GraphQLEndpoint
{
    public const string GraphQLResponse = "application/graphql-response+json";
    public const string Json = "application/json";

    public static IEndpointConventionBuilder MapKompassGraphQL(this IEndpointRouteBuilder app, string path = "/graphql")
    {
        app.MapGet(path, HandleGet);
        return app.MapPost(path, HandlePost);
    }

    /// <summary>What every request runs through, resolved once (singletons) rather than looked up per request.</summary>
    public sealed record Pipeline(IDocumentExecuter<KompassSchema> Executer, IGraphQLTextSerializer Serializer, DocumentCache Documents,
        PersistedQueries Persisted, AnswerCache Answers, IOptions<RequestLimits> Limits);

    private static async Task HandlePost(HttpContext http, [Microsoft.AspNetCore.Mvc.FromServices] Pipeline pipeline)
    {
        if (ResponseTypeFor(http) is not { } responseType)
        {
            await WriteNotAcceptable(http);
            return;
        }
        var (caller, refusal) = await RequestAccess.OfAsync(http);
        if (refusal is not null)
        {
            await RequestAccess.WriteAsync(http, refusal, responseType);
            return;
        }
        if (!IsJson(http.Request.ContentType))
        {
            await WriteRequestError(http, StatusCodes.Status415UnsupportedMediaType, responseType, "UNSUPPORTED_MEDIA_TYPE",
                "POST a JSON body with Content-Type: application/json.");
            return;
        }
        var serializer = pipeline.Serializer;
        var limits = pipeline.Limits.Value;
        if (http.Request.ContentLength > limits.MaxBodyBytes)
        {
            await WriteTooLarge(http, responseType, limits);
            return;
        }
        // Read whole first: a read of published evaluations already answered is looked up by these bytes, unparsed.
        using var body = new MemoryStream(http.Request.ContentLength is > 0 and <= 65_536 ? (int)http.Request.ContentLength : 1024);
        try
        {
            await new LimitedStream(http.Request.Body, limits.MaxBodyBytes).CopyToAsync(body, http.RequestAborted);
        }
        catch (LimitedStream.TooLargeException)
        {
            await WriteTooLarge(http, responseType, limits);
            return;
        }
        var answerKey = pipeline.Answers.KeyOf(caller, "POST", responseType, AnswerCache.BodyText(body.GetBuffer().AsSpan(0, (int)body.Length)));
        if (await TryAnswerKeptAsync(http, pipeline, answerKey, responseType))
            return;
        body.Position = 0;
        GraphQLRequest? request;
        try
        {
            request = await serializer.ReadAsync<GraphQLRequest>(body, http.RequestAborted);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or NotSupportedException)
        {
            await WriteRequestError(http, StatusCodes.Status400BadRequest, responseType, "INVALID_JSON",
                $"The request body is not a GraphQL request in JSON: {e.Message}");
            return;
        }
        if (request is null)
        {
            await Execute(http, caller, request, responseType, pipeline, allowMutations: true);
            return;
        }
        await IdempotencyKeys.HandleAsync(http, request, responseType, caller?.Subject, serializer,
            requestKey => Execute(http, caller, request, responseType, pipeline, allowMutations: true, requestKey, answerKey));
    }

    private static async Task HandleGet(HttpContext http, [Microsoft.AspNetCore.Mvc.FromServices] Pipeline pipeline)
    {
        if (ResponseTypeFor(http) is not { } responseType)
        {
            await WriteNotAcceptable(http);
            return;
        }
        var (caller, refusal) = await RequestAccess.OfAsync(http);
        if (refusal is not null)
        {
            await RequestAccess.WriteAsync(http, refusal, responseType);
            return;
        }
        var answerKey = pipeline.Answers.KeyOf(caller, "GET", responseType, http.Request.QueryString.Value ?? "");
        if (await TryAnswerKeptAsync(http, pipeline, answerKey, responseType))
            return;
        var query = http.Request.Query;
        var (variables, badVariables) = JsonParameter(pipeline.Serializer, query, "variables");
        var (extensions, badExtensions) = JsonParameter(pipeline.Serializer, query, "extensions");
        if ((badVariables ?? badExtensions) is { } bad)
        {
            await WriteRequestError(http, StatusCodes.Status400BadRequest, responseType, "INVALID_JSON", bad);
            return;
        }
        var request = new GraphQLRequest { Query = query["query"], OperationName = query["operationName"], Variables = variables, Extensions = extensions };
        await Execute(http, caller, request, responseType, pipeline, allowMutations: false, answerKey: answerKey);
    }

    /// <summary>Answers from <see cref="AnswerCache"/> when it holds this caller's answer to these very bytes; false when it does not.</summary>
    private static async Task<bool> TryAnswerKeptAsync(HttpContext http, Pipeline pipeline, string? answerKey, string responseType)
    {
        if (answerKey is null || !pipeline.Answers.TryGet(answerKey, out var kept))
            return false;
        http.Response.ContentType = ContentTypeOf(responseType);
        http.Response.Headers[AnswerCache.Header] = "hit";
        await ConditionalGet.WriteAsync(http, kept.Body, kept.ETag);
        return true;
    }

    /// <summary>A JSON object in a query-string parameter of a GET: its value (null when absent), or why it is not one.</summary>
    private static (Inputs? Value, string? Error) JsonParameter(IGraphQLTextSerializer serializer, IQueryCollection query, string name)
    {
        if (query[name] is not { Count: > 0 } v || string.IsNullOrEmpty(v[0]))
            return (null, null);
        try
        {
            return (serializer.Deserialize<Inputs>(v[0]), null);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            return (null, $"The {name} parameter is not a JSON object: {e.Message}");
        }
    }

    /// <summary>Runs the request and writes its answer; true when that answer tells the client to retry (UNAVAILABLE, INTERNAL_ERROR).</summary>
    private static async Task<bool> Execute(HttpContext http, Principal? caller, GraphQLRequest? request, string responseType,
        Pipeline pipeline, bool allowMutations, string? requestKey = null, string? answerKey = null)
    {
        if (request is not null && pipeline.Persisted.Resolve(request) is var (resolved, refused))
        {
            if (refused is not null)
            {
                // Not found is part of the protocol (the client sends the text next): an answer like a failed validation.
                var notFound = refused.Code == PersistedQueries.NotFound && responseType == Json;
                await WriteRequestError(http, notFound ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest, responseType, refused.Code, refused.Message);
                return false;
            }
            request = resolved;
        }
        if (string.IsNullOrWhiteSpace(request?.Query))
        {
            await WriteRequestError(http, StatusCodes.Status400BadRequest, responseType, "BAD_REQUEST", "The request has no query.");
            return false;
        }
        var limits = pipeline.Limits.Value;
        if (limits.FirstLongList(request.Variables) is { } longList)
        {
            await WriteRequestError(http, StatusCodes.Status400BadRequest, responseType, RequestLimits.ListTooLong,
                $"Variable {longList} has more than {limits.MaxListLength} items ({RequestLimits.Section}:MaxListLength).");
            return false;
        }
        var contentType = ContentTypeOf(responseType);
        var reads = answerKey is null ? null : pipeline.Answers.Begin();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        timeout.CancelAfter(limits.RequestTimeout);
        var prepared = pipeline.Documents.Prepare(request.Query, request.OperationName, queriesOnly: !allowMutations);
        var options = new ExecutionOptions
        {
            Query = request.Query,
            Document = prepared.Document,
            ValidationRules = prepared.Rules,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            RequestServices = http.RequestServices,
            CancellationToken = timeout.Token,
            User = http.User,
            UserContext = new GatewayUserContext { Principal = caller, RequestKey = requestKey },
        };
        // Every grain call of the request carries the caller (async-local: this request's flow only).
        CallerContext.Principal = caller;
        ExecutionResult result;
        try
        {
            // Grain calls do not observe the token: the answer stops waiting for them at the limit.
            result = await pipeline.Executer.ExecuteAsync(options).WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !http.RequestAborted.IsCancellationRequested)
        {
            await WriteRequestError(http, StatusCodes.Status503ServiceUnavailable, responseType, RequestLimits.Timeout,
                $"The request took longer than {limits.RequestTimeout.TotalSeconds:0.###} s ({RequestLimits.Section}:RequestTimeout). " +
                "A mutation may still complete: retry with the same Idempotency-Key.", retryable: true);
            return true;
        }
        if (!prepared.Cached && result is { Executed: true, Document: { } parsed })
            await pipeline.Documents.RememberAsync(request.Query, request.OperationName, parsed);
        foreach (var error in result.Errors ?? [])
            GatewayMetrics.Error(error.Code);

        // A mutation over GET is a 405 whatever the client accepts (GraphQL-over-HTTP: MUST). Else, with
        // graphql-response+json, a request that never executed (bad syntax, failed validation) is a 400.
        var status = StatusCodes.Status200OK;
        if (caller is null && result.Errors?.Any(e => e.Code == ErrorCodes.Unauthenticated) == true)
        {
            status = StatusCodes.Status401Unauthorized; // anonymous in Development, past introspection
            http.Response.Headers.WWWAuthenticate = "Bearer";
        }
        else if (!result.Executed && result.Errors?.Any(e => e.Code == QueriesOnly.Code) == true)
            status = StatusCodes.Status405MethodNotAllowed;
        else if (!result.Executed && responseType == GraphQLResponse)
            status = StatusCodes.Status400BadRequest;
        if (status == StatusCodes.Status405MethodNotAllowed)
            http.Response.Headers.Allow = "POST";
        http.Response.StatusCode = status;
        http.Response.ContentType = contentType;
        var whole = status == StatusCodes.Status200OK && result.Errors is not { Count: > 0 };
        var keepable = whole && reads is not null ? pipeline.Answers.KeepableReads(reads, result.Operation) : null;
        if (whole && (HttpMethods.IsGet(http.Request.Method) || keepable is not null))
        {
            // Buffered: hashed for its ETag, and kept when it may be.
            using var buffer = new MemoryStream(1024);
            await pipeline.Serializer.WriteAsync(buffer, result, http.RequestAborted);
            var body = buffer.ToArray();
            var etag = ConditionalGet.ETagOf(caller, contentType, body);
            if (keepable is not null)
                pipeline.Answers.Keep(answerKey!, reads!, keepable, body, etag);
            await ConditionalGet.WriteAsync(http, body, etag);
        }
        else
        {
            if (HttpMethods.IsGet(http.Request.Method))
                ConditionalGet.NotCacheable(http);
            await pipeline.Serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
        }
        return result.Errors?.Any(e => e.Code is ErrorCodes.Unavailable or ErrorCodes.Internal) == true;
    }

    private static string ContentTypeOf(string responseType) => responseType + "; charset=utf-8";

    private static bool IsJson(string? contentType) =>
        contentType is not null && contentType.Split(';')[0].Trim().Equals(Json, StringComparison.OrdinalIgnoreCase);

    /// <summary>The media type to answer in, from the Accept header; null when the client accepts neither.</summary>
    private static string? ResponseTypeFor(HttpContext http)
    {
        var accept = http.Request.Headers.Accept.ToString();
        if (string.IsNullOrWhiteSpace(accept))
            return GraphQLResponse;
        var types = accept.Split(',').Select(a => a.Split(';')[0].Trim().ToLowerInvariant()).ToList();
        if (types.Contains(GraphQLResponse) || types.Contains("*/*") || types.Contains("application/*"))
            return GraphQLResponse;
        return types.Contains(Json) ? Json : null;
    }

    private static Task WriteNotAcceptable(HttpContext http) =>
        WriteRequestError(http, StatusCodes.Status406NotAcceptable, Json, "NOT_ACCEPTABLE", $"Accept {GraphQLResponse} or {Json}.");

    // Checked twice: from Content-Length before reading, and while reading a body that did not declare it.
    private static Task WriteTooLarge(HttpContext http, string responseType, RequestLimits limits) =>
        WriteRequestError(http, StatusCodes.Status413PayloadTooLarge, responseType, "REQUEST_TOO_LARGE",
            $"The request body is larger than {limits.MaxBodyBytes} bytes ({RequestLimits.Section}:MaxBodyBytes).");

    internal static async Task WriteRequestError(HttpContext http, int status, string responseType, string code, string message,
        bool retryable = false, string? field = null)
    {
        GatewayMetrics.Error(code);
        http.Response.StatusCode = status;
        http.Response.ContentType = ContentTypeOf(responseType);
        object extensions = field is null ? new { code, retryable } : new { code, field, retryable };
        var body = new { errors = new[] { new { message, extensions } } };
        await JsonSerializer.SerializeAsync(http.Response.Body, body, cancellationToken: http.RequestAborted);
    }

    /// <summary>
    /// Rejects an operation whose root type the schema lacks (a subscription): GraphQL.NET's complexity
    /// analyser would otherwise throw on it (an INTERNAL_ERROR); it skips a document that already has errors.
    /// </summary>
    internal sealed class SchemaHasOperationType : ValidationRuleBase
    {
        public const string Code = "INVALID_OPERATION";
        public static readonly SchemaHasOperationType Instance = new();

        public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
        {
            var root = context.Operation.Operation switch
            {
                OperationType.Query => context.Schema.Query,
                OperationType.Mutation => context.Schema.Mutation,
                _ => context.Schema.Subscription,
            };
            if (root is null)
                context.ReportError(new ValidationError(
                    $"This service has no {context.Operation.Operation.ToString().ToLowerInvariant()} operations.") { Code = Code });
            return default;
        }
    }

    /// <summary>GET may only read (GraphQL-over-HTTP): a mutation over GET is rejected before it runs.</summary>
    internal sealed class QueriesOnly : ValidationRuleBase
    {
        public const string Code = "METHOD_NOT_ALLOWED";
        public static readonly QueriesOnly Instance = new();

        public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
        {
            if (context.Operation.Operation != OperationType.Query)
                context.ReportError(new ValidationError(
                    $"A {context.Operation.Operation.ToString().ToLowerInvariant()} must be sent with POST.") { Code = Code });
            return default;
        }
    }
}
