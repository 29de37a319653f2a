using GraphQL;
using GraphQL.Types;
using Kompass.Contracts.Evaluations;
using Kompass.Contracts.Kommuner;
using Kompass.Domain;
using Kompass.Domain.Tenancy;

namespace Kompass.Gateway.Types;

/// <summary>
/// <c>Kommune.evaluations</c> at a cost bounded whatever the kommune's history. The kommune's entries (held by its
/// grain, already read for the parent) answer <c>id frameworkVersion evaluatedOn status</c>, and <c>total</c> when every
/// listed evaluation is published: no further grain call. Any other field reads each listed evaluation (one call each,
/// in parallel), for at most <see cref="MaxRead"/> evaluations: the newest <c>last</c>, or all when there are no more.
/// </summary>
public static class KommuneEvaluations
{
    public const int MaxRead = 50;

    private static readonly HashSet<string> FromEntries = ["id", "frameworkVersion", "evaluatedOn", "status", "__typename"];

    public static void AddTo(KommuneType type) => type.Field<NonNullGraphType<ListGraphType<NonNullGraphType<EvaluationType>>>>("evaluations")
        .Description($"Its evaluations, oldest first: the published ones, and drafts for those who may read them. id, frameworkVersion, evaluatedOn, " +
            $"status (and total when all are published) come from the kommune itself; other fields read each evaluation, at most {MaxRead} (use last).")
        .Argument<IntGraphType>("last", $"Only the newest `last` evaluations (needed, at most {MaxRead}, when more are listed and fields beyond the free ones are asked).")
        .ResolveAsync(async ctx => await ResolveAsync(ctx));

    private static async Task<object?> ResolveAsync(IResolveFieldContext<KommuneView> ctx)
    {
        var api = ctx.RequestServices!.GetRequiredService<KompassApi>();
        var caller = (ctx.UserContext as GatewayUserContext)?.Principal;
        var last = ctx.GetArgument<int?>("last");
        if (last is < 0)
            throw DomainException.Validation("last", "last must be 0 or more.");
        // A node of a kommuner page holds what the directory lists, not the evaluations: asked for them, it reads its kommune.
        var kommune = ListedKommuner.IsListed(ctx.Source) ? await api.Kommune(ctx.Source.Id) : ctx.Source;
        // Drafts of another kommune are not listed (not refused one by one): assignees are known to the
        // evaluation only, so an evaluator sees the drafts its token names.
        var visible = (kommune?.Evaluations ?? []).Where(e => e.Result is not null
            || (caller is not null && Access.MayReadEvaluation(caller, e.Id, published: false, assignees: []))).ToList();
        if (last is { } n && n < visible.Count)
            visible = visible[^n..];

        var asked = ctx.SubFields?.Values.Select(f => f.FieldType.Name).ToList() ?? [];
        var allPublished = visible.All(e => e.Result is not null);
        if (asked.All(f => FromEntries.Contains(f) || (f == "total" && allPublished)))
            return visible.Select(e => FromEntry(ctx.Source.Id, e)).ToList();
        if (visible.Count > MaxRead)
            throw DomainException.Validation("last",
                $"{ctx.Source.Id} lists {visible.Count} evaluations: ask for the newest {MaxRead} at most with last, or only for id, frameworkVersion, evaluatedOn, status and total.");
        var views = await Task.WhenAll(visible.Select(e => api.Evaluation(e.Id)));
        return views.Where(v => v is not null).ToList();
    }

    /// <summary>An evaluation as its kommune's entry knows it; only the fields in <see cref="FromEntries"/> (and a published total) are read from it.</summary>
    private static EvaluationView FromEntry(string kommuneId, EvaluationEntryView e) => new(
        e.Id, kommuneId, e.FrameworkVersion, e.EvaluatedOn, e.Result is null ? EvaluationStatus.Draft : EvaluationStatus.Published,
        EvaluationOrigin.Scored, null, [], [], [], [], [], e.Result?.Total, [], default, null, [], e.Version, []);
}
