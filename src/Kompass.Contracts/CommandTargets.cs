namespace Kompass.Contracts;

/// <summary>A command about one kommune: access rules and the audit log read its target from here.</summary>
public interface ITargetsKommune
{
    string KommuneId { get; }
}

/// <summary>A command about one evaluation (whose kommune is the first part of its id).</summary>
public interface ITargetsEvaluation
{
    string EvaluationId { get; }
}

/// <summary>A command about one strategy (whose kommune is the first part of its id).</summary>
public interface ITargetsStrategy
{
    string StrategyId { get; }
}
