using Kompass.Domain.Evaluations;

namespace Kompass.Domain.Tests.Evaluations;

public sealed class AssignmentTests
{
    [Fact]
    public void The_evaluator_who_opens_an_evaluation_is_assigned_to_it()
    {
        var evaluation = Evaluation.Open(new EvaluationState(), EvaluationFixtures.Id, TestFrameworks.V2020, EvaluationFixtures.EvaluatedOn,
            ["Kari"], EvaluationFixtures.OpenedAt, openedBy: "kari@ks.no");
        Assert.Equal(["kari@ks.no"], evaluation.State.Assignees);
        Assert.Empty(EvaluationFixtures.Open().State.Assignees); // opened by an admin: nobody yet
    }

    [Fact]
    public void Assigning_adds_once_bumps_the_version_and_stops_at_the_limit()
    {
        var evaluation = EvaluationFixtures.Open();
        var version = evaluation.State.Version;
        Assert.True(evaluation.Assign("ola@ks.no", version));
        Assert.False(evaluation.Assign("ola@ks.no", null));
        Assert.Equal(version + 1, evaluation.State.Version);
        for (var i = 1; i < Evaluation.MaxAssignees; i++)
            evaluation.Assign($"e{i}@ks.no", null);
        var full = Assert.Throws<DomainException>(() => evaluation.Assign("one-more@ks.no", null));
        Assert.Equal(ErrorKind.Conflict, full.Code);
        Assert.Equal(Evaluation.MaxAssignees, evaluation.State.Assignees.Count);
    }

    [Fact]
    public void An_imported_result_has_nobody_to_assign_and_a_stale_version_is_refused()
    {
        var imported = EvaluationFixtures.Imported(EvaluationFixtures.EightAreas(), null);
        Assert.Equal(ErrorKind.Conflict, Assert.Throws<DomainException>(() => imported.Assign("x", null)).Code);
        var evaluation = EvaluationFixtures.Open();
        Assert.Equal("expectedVersion", Assert.Throws<DomainException>(() => evaluation.Assign("x", evaluation.State.Version - 1)).Field);
    }
}
