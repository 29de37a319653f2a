using GraphQL;
using GraphQL.Execution;
using Kompass.Contracts;
using Kompass.Domain;
using Microsoft.Extensions.Logging;

namespace Kompass.Gateway.Http;

/// <summary>
/// Every rejection becomes a GraphQL error with <c>extensions.code</c> (and <c>field</c>, <c>details</c>
/// where known); anything unexpected becomes INTERNAL_ERROR without leaking internals. Never a 500.
/// </summary>
public static class GraphQLErrors
{
    public const string Internal = "INTERNAL_ERROR";

    public static Task Translate(UnhandledExceptionContext context)
    {
        var error = Unwrap(context.OriginalException) switch
        {
            KompassError e => Error(e.Code, e.Message, e.Field, e.Details),
            DomainException e => Error(ErrorCodes.Of(e.Code), e.Message, e.Field, e.Details),
            Orleans.Runtime.SiloUnavailableException or TimeoutException =>
                Error("UNAVAILABLE", "The service is busy or restarting; try again.", null, []),
            // The parser's own recursion guard trips before the complexity analyser runs: still the client's query.
            GraphQLParser.Exceptions.GraphQLMaxDepthExceededException =>
                Error("COMPLEXITY", "The query is nested too deeply to parse.", null, []),
            _ => Error(Internal, "An unexpected error occurred; it has been logged.", null, []),
        };
        if (error.Code is Internal or "UNAVAILABLE")
            context.ExecutionOptions?.RequestServices?.GetService<ILoggerFactory>()?.CreateLogger(typeof(GraphQLErrors).FullName!)
                .LogError(context.OriginalException, "GraphQL request failed unexpectedly: {Code}.", error.Code);
        context.Exception = error;
        return Task.CompletedTask;
    }

    private static Exception Unwrap(Exception e) =>
        e is AggregateException { InnerExceptions.Count: 1 } a ? Unwrap(a.InnerExceptions[0]) : e;

    public static ExecutionError Error(string code, string message, string? field, IReadOnlyList<string> details)
    {
        var error = new ExecutionError(message) { Code = code };
        if (field is not null)
            error.Data["field"] = field;
        if (details.Count > 0)
            error.Data["details"] = details.ToArray();
        return error;
    }
}

/// <summary>Writes <c>extensions</c> as { code, field?, details? }: the contract clients rely on.</summary>
public sealed class KompassErrorInfoProvider : ErrorInfoProvider
{
    public override ErrorInfo GetInfo(ExecutionError executionError)
    {
        var info = base.GetInfo(executionError);
        var extensions = new Dictionary<string, object?> { ["code"] = executionError.Code ?? GraphQLErrors.Internal };
        foreach (var key in new[] { "field", "details" })
            if (executionError.Data.Contains(key))
                extensions[key] = executionError.Data[key];
        return new ErrorInfo { Message = info.Message, Extensions = extensions };
    }
}
