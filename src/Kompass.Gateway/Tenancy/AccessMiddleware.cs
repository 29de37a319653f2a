using GraphQL;
using GraphQL.Instrumentation;
using Kompass.Domain;
using Kompass.Domain.Tenancy;

namespace Kompass.Gateway.Tenancy;

/// <summary>
/// The first depth of tenancy, around every field: the field's rule (or its type's) must admit the caller,
/// before the resolver runs and, where the rule says, for what it resolved. A field without a rule is
/// refused (default deny). Anonymous requests only get here in Development, and then only for introspection.
/// Mutations, let through or refused, go to the audit log.
/// </summary>
public sealed class AccessMiddleware(KompassApi api, MutationAudit audit) : IFieldMiddleware
{
    public ValueTask<object?> ResolveAsync(IResolveFieldContext context, FieldMiddlewareDelegate next)
    {
        if (IsIntrospection(context))
            return next(context);
        return context.ParentType == context.Schema.Mutation ? AuditedAsync(context, next) : Checked(context, next);
    }

    /// <summary>Every mutation is audited, let through or refused.</summary>
    private async ValueTask<object?> AuditedAsync(IResolveFieldContext context, FieldMiddlewareDelegate next)
    {
        var input = FieldRuleExtensions.InputOf(context);
        var caller = (context.UserContext as GatewayUserContext)?.Principal;
        try
        {
            var result = await Checked(context, next);
            await audit.RecordAsync(caller, context.FieldDefinition.Name, input, result, MutationAudit.Allowed);
            return result;
        }
        catch (Exception e)
        {
            await audit.RecordAsync(caller, context.FieldDefinition.Name, input, null, MutationAudit.OutcomeOf(e));
            throw;
        }
    }

    /// <summary>
    /// Synchronous wherever the rule is: most fields are plain values of an object already admitted, and an async
    /// state machine per field was most of the cost of checking them (measured in docs/benchmarks.md).
    /// </summary>
    private ValueTask<object?> Checked(IResolveFieldContext context, FieldMiddlewareDelegate next)
    {
        var caller = (context.UserContext as GatewayUserContext)?.Principal
            ?? throw Access.Unauthenticated($"field {context.FieldDefinition.Name}");
        var rule = FieldRuleExtensions.RuleOf(context.FieldDefinition, context.ParentType)
            ?? throw new DomainException(ErrorKind.Forbidden, $"{context.ParentType.Name}.{context.FieldDefinition.Name} has no access rule: refused.");
        var request = new RuleContext(caller, context, api);
        if (rule.SyncAllows is not { } allows)
            return CheckedAsync(caller, rule, request, next);
        if (!allows(request))
            throw Access.Refused(caller, rule.What);
        var resolved = next(context);
        if (rule.AllowsResult is null)
            return resolved;
        return resolved.IsCompletedSuccessfully ? new(CheckedResult(caller, rule, resolved.Result)) : CheckedResultAsync(caller, rule, resolved);
    }

    private static async ValueTask<object?> CheckedAsync(Principal caller, FieldRule rule, RuleContext request, FieldMiddlewareDelegate next)
    {
        if (!await rule.Allows(request))
            throw Access.Refused(caller, rule.What);
        return CheckedResult(caller, rule, await next(request.Field));
    }

    private static async ValueTask<object?> CheckedResultAsync(Principal caller, FieldRule rule, ValueTask<object?> resolved) =>
        CheckedResult(caller, rule, await resolved);

    private static object? CheckedResult(Principal caller, FieldRule rule, object? result) =>
        rule.AllowsResult is { } allowsResult && result is not null && !allowsResult(caller, result) ? throw Access.Refused(caller, rule.What) : result;

    private static bool IsIntrospection(IResolveFieldContext context) =>
        context.ParentType.Name.StartsWith("__", StringComparison.Ordinal) || context.FieldDefinition.Name.StartsWith("__", StringComparison.Ordinal);
}
