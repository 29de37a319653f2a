using GraphQL;
using GraphQL.Execution;
using Kompass.Contracts;
using Kompass.Domain;
using Microsoft.Extensions.Logging;

namespace Kompass.Gateway.Http;

/// <summary>
/// Every rejection becomes a GraphQL error with <c>extensions.code</c> and <c>retryable</c> (and <c>field</c>,
/// <c>details</c> where known): CONFLICT for a stale version, UNAVAILABLE for storage or cluster trouble,
/// INTERNAL_ERROR only for our own bugs, without leaking internals. Never a 500.
/// </summary>
public static class GraphQLErrors
{
    public const string Internal = ErrorCodes.Internal;

    public static Task Translate(UnhandledExceptionContext context)
    {
        var e = context.OriginalException;
        var error = e switch
        {
            DomainException d => Error(ErrorCodes.Of(d.Code), d.Message, d.Field, d.Details, d.Retryable),
            // The parser's own recursion guard trips before the complexity analyser runs: still the client's query.
            GraphQLParser.Exceptions.GraphQLMaxDepthExceededException =>
                Error("COMPLEXITY", "The query is nested too deeply to parse.", null, []),
            _ when ErrorCodes.FromInfrastructure(e) is { } k => Error(k.Code, k.Message, k.Field, k.Details, k.Retryable),
            _ => Error(Internal, "An unexpected error occurred; it has been logged.", null, []),
        };
        var services = context.ExecutionOptions?.RequestServices;
        if (error.Code == Internal)
            services?.GetService<ILoggerFactory>()?.CreateLogger(typeof(GraphQLErrors).FullName!)
                .LogError(e, "GraphQL request failed unexpectedly.");
        else if (error.Code == ErrorCodes.Unavailable)
            services?.GetKeyedService<Kompass.Storage.OutageLog>(GatewayServiceCollectionExtensions.UnavailableAnswers)?.Failed(e);
        context.Exception = error;
        return Task.CompletedTask;
    }

    public static ExecutionError Error(string code, string message, string? field, IReadOnlyList<string> details, bool retryable = false)
    {
        var error = new ExecutionError(message) { Code = code };
        if (field is not null)
            error.Data["field"] = field;
        if (details.Count > 0)
            error.Data["details"] = details.ToArray();
        error.Data["retryable"] = retryable;
        return error;
    }
}

/// <summary>Writes <c>extensions</c> as { code, field?, details?, retryable? }: the contract clients rely on.</summary>
public sealed class KompassErrorInfoProvider : ErrorInfoProvider
{
    public override ErrorInfo GetInfo(ExecutionError executionError)
    {
        var info = base.GetInfo(executionError);
        var extensions = new Dictionary<string, object?> { ["code"] = executionError.Code ?? GraphQLErrors.Internal };
        foreach (var key in new[] { "field", "details", "retryable" })
            if (executionError.Data.Contains(key))
                extensions[key] = executionError.Data[key];
        return new ErrorInfo { Message = info.Message, Extensions = extensions };
    }
}
