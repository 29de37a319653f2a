using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using Kompass.Domain.Tenancy;

namespace Kompass.Gateway.Tenancy;

/// <summary>What a rule sees: the caller, the field being resolved (its arguments and parent object) and the API.</summary>
public readonly record struct RuleContext(Principal Principal, IResolveFieldContext Field, KompassApi Api)
{
    /// <summary>The command in the <c>input</c> argument, as its input type parsed it; null for fields without one.</summary>
    public object? Input => FieldRuleExtensions.InputOf(Field);
}

/// <summary>
/// Who may resolve a field. <see cref="Allows"/> runs before the resolver; <see cref="AllowsResult"/>, when
/// given, checks what it resolved (a draft read by the wrong kommune is refused even if a grain let it through).
/// </summary>
public sealed record FieldRule(string Name, string What, Func<RuleContext, ValueTask<bool>> Allows,
    Func<Principal, object, bool>? AllowsResult = null)
{
    public const string MetadataKey = "kompass.rule";

    /// <summary>The same check as <see cref="Allows"/> when it needs no I/O, so the middleware can stay synchronous.</summary>
    public Func<RuleContext, bool>? SyncAllows { get; private init; }

    public static FieldRule Sync(string name, string what, Func<RuleContext, bool> allows, Func<Principal, object, bool>? allowsResult = null) =>
        new(name, what, r => ValueTask.FromResult(allows(r)), allowsResult) { SyncAllows = allows };

    public override string ToString() => Name;
}

public static class FieldRuleExtensions
{
    /// <summary>Gives the field its rule (overrides the rule of its type).</summary>
    public static FieldBuilder<TSource, TReturn> Allow<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, FieldRule rule) =>
        field.WithMetadata(FieldRule.MetadataKey, rule);

    /// <summary>Gives every field of the type this rule, unless the field has its own.</summary>
    public static void AllowFields(this IGraphType type, FieldRule rule) => type.Metadata[FieldRule.MetadataKey] = rule;

    public static object? InputOf(IResolveFieldContext field) =>
        field.Arguments is { } args && args.TryGetValue("input", out var input) ? input.Value : null;

    /// <summary>The rule that applies to a field: its own, else its type's; null means refused (default deny).</summary>
    public static FieldRule? RuleOf(FieldType field, IGraphType parent) =>
        field.GetMetadata<FieldRule?>(FieldRule.MetadataKey) ?? parent.GetMetadata<FieldRule?>(FieldRule.MetadataKey);
}
