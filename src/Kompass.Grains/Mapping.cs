using Kompass.Contracts.Benchmarks;
using Kompass.Contracts.Evaluations;
using Kompass.Contracts.Kommuner;
using Kompass.Domain.Benchmarks;
using Kompass.Domain.Evaluations;
using Kompass.Domain.Kommuner;
using Kompass.Domain.Scoring;
using ContractStatus = Kompass.Contracts.Evaluations.EvaluationStatus;
using ContractOrigin = Kompass.Contracts.Evaluations.EvaluationOrigin;

namespace Kompass.Grains;

/// <summary>Between the domain's state and the contracts' messages; one function per direction and type.</summary>
internal static class Mapping
{
    public static EvaluationView ToView(this Evaluation evaluation)
    {
        var s = evaluation.State;
        var card = evaluation.Score();
        return new EvaluationView(
            s.Id, s.KommuneId, s.FrameworkVersion, s.EvaluatedOn,
            s.Status == Domain.Evaluations.EvaluationStatus.Published ? ContractStatus.Published : ContractStatus.Draft,
            s.Origin == Domain.Evaluations.EvaluationOrigin.Imported ? ContractOrigin.Imported : ContractOrigin.Scored,
            s.Source,
            [.. s.Evaluators],
            [.. s.Interviews.Select(i => new InterviewView(i.Role, i.Date, i.People))],
            [.. s.Ratings.OrderBy(r => r.Key, StringComparer.Ordinal)
                .Select(r => new ScoringPointRating(r.Key, r.Value.System, r.Value.Scope, r.Value.Result, r.Value.Comment))],
            [.. s.Findings.OrderBy(f => f.Key, StringComparer.Ordinal)
                .Select(f => new FindingsView(f.Key, f.Value.Strengths, f.Value.Challenges, f.Value.ImprovementAreas))],
            [.. card.Areas.Select(a => new AreaScoreView(a.Code, a.MaxScore, RoundForDisplay(a.ExactScore), a.Score, a.RatedPoints, a.ScoringPoints,
                evaluation.Framework.FindArea(a.Code)?.Name.Nb ?? a.Code))],
            card.Total,
            card.MissingScoringPoints,
            s.OpenedAt,
            s.PublishedAt,
            [.. s.Amendments.Select(a => new AmendmentView(a.By, a.At, a.Reason,
                [.. a.Changes.Select(c => new AmendedValueView(c.Field, c.OldValue, c.NewValue))]))],
            s.Version,
            [.. s.Assignees]);
    }

    // The exact sum has 28 decimals; readers need two (the published score is the rounded whole number).
    private static decimal? RoundForDisplay(decimal? exact) =>
        exact is { } e ? Math.Round(e, 2, MidpointRounding.AwayFromZero) : null;

    public static PointRating ToDomain(this ScoringPointRating r) => new(r.Code, new Rating(r.System, r.Scope, r.Result, r.Comment));

    public static ResultMessage ToMessage(this PublishedResult r) =>
        new(r.EvaluationId, r.KommuneId, r.FrameworkVersion, r.EvaluatedOn, r.AreaScores, r.Total, r.Version);

    public static PublishedResult ToDomain(this ResultMessage r) =>
        new(r.EvaluationId, r.KommuneId, r.FrameworkVersion, r.EvaluatedOn, r.AreaScores, r.Total, r.Version);

    public static EvaluationEntryView ToView(this EvaluationEntry e) =>
        new(e.Id, e.FrameworkVersion, e.EvaluatedOn, e.Result?.ToMessage(), e.Version);

    public static EvaluationEntry ToDomain(this EvaluationEntryView e) =>
        new(e.Id, e.FrameworkVersion, e.EvaluatedOn, e.Result?.ToDomain(), e.Version);

    public static KommuneView ToView(this KommuneState s)
    {
        var id = KommuneId.Parse(s.Id);
        return new KommuneView(s.Id, id.Country.ToString(), id.Number, s.Name, s.CountyName, s.Population, s.PopulationYear,
            [.. s.Evaluations.Select(e => e.ToView())], new Kommune(s).Latest?.ToView(), s.FeedTokenGeneration);
    }

    public static LatestResultView ToView(this LatestResult r) => new(r.EvaluationId, r.FrameworkVersion, r.EvaluatedOn, r.Total);

    public static LatestResult ToDomain(this LatestResultView r) => new(r.EvaluationId, r.FrameworkVersion, r.EvaluatedOn, r.Total);

    public static DirectoryEntryView ToView(this DirectoryEntry e) =>
        new(e.Id, e.Name, e.Version, e.CountyName, e.Population, e.PopulationYear, e.Latest?.ToView());

    public static DirectoryEntry ToDomain(this DirectoryEntryView e) =>
        new(e.Id, e.Name, e.Version, e.CountyName, e.Population, e.PopulationYear, e.LatestResult?.ToDomain());

    public static BenchmarkView ToView(this BenchmarkSnapshot b) => new(
        b.Evaluations,
        b.Total is null ? null : new MeanView(b.Total.Value, b.Total.Count),
        b.Areas.ToDictionary(a => a.Key, a => new MeanView(a.Value.Value, a.Value.Count)));

    public static BenchmarkSnapshot ToDomain(this BenchmarkView b) => new(
        b.Evaluations,
        b.Total is null ? null : new Mean(b.Total.Value, b.Total.Count),
        b.Areas.ToDictionary(a => a.Key, a => new Mean(a.Value.Value, a.Value.Count)));

    public static ComparisonView ToView(this Comparison c) => new(
        c.Previous?.EvaluationId, c.Previous?.EvaluatedOn, c.Total, c.Previous?.Total, c.DeltaToPrevious,
        c.MeanTotal?.Value, c.DeltaToMean, c.MeanBasedOn,
        [.. c.Areas.Select(a => new AreaComparisonView(a.Code, a.Score, a.PreviousScore, a.DeltaToPrevious, a.Mean, a.DeltaToMean))]);
}
