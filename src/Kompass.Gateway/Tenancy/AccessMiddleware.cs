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
    public async ValueTask<object?> ResolveAsync(IResolveFieldContext context, FieldMiddlewareDelegate next)
    {
        if (IsIntrospection(context))
            return await next(context);
        if (context.ParentType != context.Schema.Mutation)
            return await CheckedAsync(context, next);
        // Every mutation is audited, let through or refused.
        var input = FieldRuleExtensions.InputOf(context);
        var caller = (context.UserContext as GatewayUserContext)?.Principal;
        try
        {
            var result = await CheckedAsync(context, next);
            await audit.RecordAsync(caller, context.FieldDefinition.Name, input, result, MutationAudit.Allowed);
            return result;
        }
        catch (Exception e)
        {
            await audit.RecordAsync(caller, context.FieldDefinition.Name, input, null, MutationAudit.OutcomeOf(e));
            throw;
        }
    }

    private async ValueTask<object?> CheckedAsync(IResolveFieldContext context, FieldMiddlewareDelegate next)
    {
        var caller = (context.UserContext as GatewayUserContext)?.Principal
            ?? throw Access.Unauthenticated($"field {context.FieldDefinition.Name}");
        var rule = FieldRuleExtensions.RuleOf(context.FieldDefinition, context.ParentType)
            ?? throw new DomainException(ErrorKind.Forbidden, $"{context.ParentType.Name}.{context.FieldDefinition.Name} has no access rule: refused.");
        if (!await rule.Allows(new RuleContext(caller, context, api)))
            throw Access.Refused(caller, rule.What);
        var result = await next(context);
        if (rule.AllowsResult is { } allowsResult && result is not null && !allowsResult(caller, result))
            throw Access.Refused(caller, rule.What);
        return result;
    }

    private static bool IsIntrospection(IResolveFieldContext context) =>
        context.ParentType.Name.StartsWith("__", StringComparison.Ordinal) || context.FieldDefinition.Name.StartsWith("__", StringComparison.Ordinal);
}
