using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules;
using GraphQL.Validation.Rules.Custom;
using GraphQLParser.AST;
using GraphQLParser.Visitors;
using Kompass.Gateway.Http;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Kompass.Gateway.Caching;

/// <summary>A document to run and the validation rules it still needs for this request.</summary>
public sealed record PreparedDocument(GraphQLDocument? Document, IEnumerable<IValidationRule> Rules)
{
    /// <summary>True when the document came from the cache (parsed and validated by an earlier request with the same text).</summary>
    public bool Cached => Document is not null;
}

/// <summary>
/// Parsed and validated documents, kept by their exact text and operation name (bounded by
/// <see cref="CachingSettings.DocumentCacheChars"/>), so a repeated query is neither parsed nor validated
/// again: the core rules, the document limits (depth, aliases, list literals) and the complexity analysis depend
/// on the text alone and ran when it was first seen. What depends on the request still runs on every one:
/// the variables are coerced, fields' argument validation, the complexity analysis when a variable feeds it
/// (a first/last argument, a skip/include directive), and the queries-only rule of GET, which a document first
/// cached from a POST must still pass. The variables' list lengths and the caller's access are checked outside
/// validation, per request, as before.
/// </summary>
public sealed class DocumentCache : IDisposable
{
    private readonly MemoryCache? _documents;
    private readonly IValidationRule _complexity;
    private readonly IValidationRule[] _all;
    private readonly IValidationRule[] _allQueriesOnly;

    public DocumentCache(IOptions<RequestLimits> limits, IOptions<CachingSettings> settings)
    {
        var l = limits.Value;
        _complexity = new ComplexityValidationRule(new ComplexityOptions { MaxDepth = l.MaxDepth, MaxComplexity = l.MaxComplexity });
        _all = [.. DocumentValidator.CoreRules, GraphQLEndpoint.SchemaHasOperationType.Instance, new DocumentLimits(l), _complexity];
        _allQueriesOnly = [.. _all, GraphQLEndpoint.QueriesOnly.Instance];
        if (settings.Value.DocumentCacheChars > 0)
            _documents = new MemoryCache(new MemoryCacheOptions { SizeLimit = settings.Value.DocumentCacheChars });
    }

    /// <summary>Entries now held (for tests and diagnostics).</summary>
    public int Count => _documents?.Count ?? 0;

    public PreparedDocument Prepare(string query, string? operationName, bool queriesOnly)
    {
        if (_documents?.TryGetValue(new Key(query, operationName), out Entry? hit) == true)
        {
            IEnumerable<IValidationRule> rules = hit!.ComplexityReadsVariables
                ? [FieldArgumentsAreValidRule.Instance, _complexity]
                : [FieldArgumentsAreValidRule.Instance];
            return new(hit.Document, queriesOnly ? rules.Append(GraphQLEndpoint.QueriesOnly.Instance) : rules);
        }
        return new(null, queriesOnly ? _allQueriesOnly : _all);
    }

    /// <summary>Keeps a document that passed every rule (the executer's <c>result.Executed</c>), under the text it was parsed from.</summary>
    public async ValueTask RememberAsync(string query, string? operationName, GraphQLDocument document)
    {
        if (_documents is null)
            return;
        var readsVariables = await VariablesInComplexity.FoundInAsync(document);
        _documents.Set(new Key(query, operationName), new Entry(document, readsVariables),
            new MemoryCacheEntryOptions { Size = Math.Max(1, query.Length) });
    }

    public void Dispose() => _documents?.Dispose();

    private readonly record struct Key(string Query, string? OperationName);

    private sealed record Entry(GraphQLDocument Document, bool ComplexityReadsVariables);

    /// <summary>
    /// Whether a variable can change the complexity analyser's answer: GraphQL.NET's default weighs a list by its
    /// field's integer first/last argument, and leaves out what skip/include directives leave out.
    /// </summary>
    private sealed class VariablesInComplexity : ASTVisitor<VariablesInComplexity.Context>
    {
        private static readonly VariablesInComplexity Instance = new();

        public static async ValueTask<bool> FoundInAsync(GraphQLDocument document)
        {
            var context = new Context();
            await Instance.VisitAsync(document, context);
            return context.Found;
        }

        protected override async ValueTask VisitDirectiveAsync(GraphQLDirective directive, Context context)
        {
            context.InDirective++;
            await base.VisitDirectiveAsync(directive, context);
            context.InDirective--;
        }

        protected override ValueTask VisitArgumentAsync(GraphQLArgument argument, Context context)
        {
            if (argument.Value is GraphQLVariable && argument.Name.StringValue is "first" or "last")
                context.Found = true;
            return base.VisitArgumentAsync(argument, context);
        }

        protected override ValueTask VisitVariableAsync(GraphQLVariable variable, Context context)
        {
            if (context.InDirective > 0)
                context.Found = true;
            return base.VisitVariableAsync(variable, context);
        }

        public sealed class Context : IASTVisitorContext
        {
            public bool Found { get; set; }

            public int InDirective { get; set; }

            public CancellationToken CancellationToken => default;
        }
    }
}
