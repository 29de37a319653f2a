namespace Kompass.Domain.Strategies;

/// <summary>
/// A strategy's issued reports, for the grain that serves <c>tertialReports</c> and
/// <c>councilStatuses</c>. Bounded by the period: at most 16 tertials and 6 anniversaries in 5 years.
/// </summary>
public sealed class StrategyReportsState
{
    public List<StrategyReport> Reports { get; set; } = [];
}

public sealed class StrategyReports(StrategyReportsState state)
{
    /// <summary>More than a 5-year strategy can ever issue; a guard, never reached by the follow-up.</summary>
    public const int MaxReports = 30;

    public StrategyReportsState State { get; } = state;

    /// <summary>Stores a report; one already stored under its key is kept as it was (reports are frozen). Returns whether it was new.</summary>
    public bool Add(StrategyReport report)
    {
        if (State.Reports.Any(r => r.Key == report.Key))
            return false;
        if (State.Reports.Count >= MaxReports)
            throw DomainException.Validation("reports", $"A strategy holds at most {MaxReports} reports.");
        State.Reports.Add(report);
        State.Reports.Sort((a, b) => a.IssuedOn != b.IssuedOn ? a.IssuedOn.CompareTo(b.IssuedOn) : a.Kind.CompareTo(b.Kind));
        return true;
    }

    public IReadOnlyList<StrategyReport> Tertial => [.. State.Reports.Where(r => r.Kind == ReportKind.Tertial)];

    public IReadOnlyList<StrategyReport> CouncilStatuses => [.. State.Reports.Where(r => r.Kind == ReportKind.CouncilStatus)];

    public StrategyReport Find(string key) =>
        State.Reports.FirstOrDefault(r => r.Key == key) ?? throw DomainException.NotFound($"No report '{key}'.", "key");
}
