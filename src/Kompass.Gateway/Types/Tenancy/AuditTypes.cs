using GraphQL.Types;
using Kompass.Gateway.Tenancy;
using Kompass.Storage.Audit;

namespace Kompass.Gateway.Types.Tenancy;

public sealed class AuditEntryType : ObjectGraphType<AuditRecord>
{
    public AuditEntryType()
    {
        Name = "AuditEntry";
        Description = "One mutation, let through or refused: append-only, never edited or deleted through the API.";
        this.AllowFields(FieldRules.ThroughParent);
        Field<NonNullGraphType<StringGraphType>>("cursor").Resolve(ctx => ctx.Source.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("at").Resolve(ctx => ctx.Source.Entry.At);
        Field<NonNullGraphType<StringGraphType>>("actor").Description("The token's subject.").Resolve(ctx => ctx.Source.Entry.Actor);
        Field<NonNullGraphType<StringGraphType>>("role").Resolve(ctx => ctx.Source.Entry.Role);
        Field<NonNullGraphType<StringGraphType>>("operation").Description("The mutation, e.g. rateScoringPoints.").Resolve(ctx => ctx.Source.Entry.Operation);
        Field<NonNullGraphType<StringGraphType>>("target").Description("The kommune or evaluation it was about.").Resolve(ctx => ctx.Source.Entry.Target);
        Field<NonNullGraphType<StringGraphType>>("outcome").Description("OK, or the error code it was answered with (FORBIDDEN, CONFLICT, ...).")
            .Resolve(ctx => ctx.Source.Entry.Outcome);
        Field<StringGraphType>("changes").Description("In brief: what it asked, and what it made of the target (old → new for an amendment).")
            .Resolve(ctx => ctx.Source.Entry.Changes);
    }
}

public sealed class AuditLogPageType : ObjectGraphType<AuditPage>
{
    public AuditLogPageType()
    {
        Name = "AuditLogPage";
        Description = "A page of an audit log, newest first; pass endCursor as after for the next.";
        this.AllowFields(FieldRules.ThroughParent);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AuditEntryType>>>>("nodes").Resolve(ctx => ctx.Source.Items);
        Field<NonNullGraphType<BooleanGraphType>>("hasNextPage").Resolve(ctx => ctx.Source.HasNextPage);
        Field<StringGraphType>("endCursor").Resolve(ctx => ctx.Source.EndCursor);
    }
}

public sealed class OffboardKommuneInputType : InputObjectGraphType<Contracts.Kommuner.OffboardKommune>
{
    public OffboardKommuneInputType()
    {
        Name = "OffboardKommuneInput";
        Field(c => c.KommuneId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(c => c.Confirm).Description("The kommune id again: offboarding cannot be undone.");
    }
}

public sealed class OffboardingType : ObjectGraphType<Contracts.Kommuner.OffboardingView>
{
    public OffboardingType()
    {
        Name = "Offboarding";
        Description = "What an offboarding removed.";
        this.AllowFields(FieldRules.ThroughParent);
        Field(o => o.KommuneId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(o => o.EvaluationsRemoved);
        Field(o => o.AuditEntriesRemoved);
        Field(o => o.StoredAnswersRemoved);
    }
}
