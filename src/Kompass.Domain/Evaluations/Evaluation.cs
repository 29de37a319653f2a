using Kompass.Domain.Delivery;
using Kompass.Domain.Frameworks;
using Kompass.Domain.Kommuner;
using Kompass.Domain.Scoring;

namespace Kompass.Domain.Evaluations;

/// <summary>
/// The rules of an evaluation's life: DRAFT while evaluators rate, interview and write findings;
/// PUBLISHED and frozen after, changed only by an audited amendment. Every method checks everything
/// first and changes the state last, so a rejected command leaves nothing behind.
/// </summary>
public sealed class Evaluation(EvaluationState state, FrameworkDefinition framework)
{
    /// <summary>The followers an evaluation owes its changes (names in its outbox).</summary>
    public const string KommuneFollower = "kommune";
    public const string BenchmarkFollower = "benchmark";

    /// <summary>The analytics of every published result (docs/analytics.md), told what the benchmark is told.</summary>
    public const string AnalyticsFollower = "analytics";

    /// <summary>Interviews one evaluation keeps (the seed speaks of 25-30 people interviewed).</summary>
    public const int MaxInterviews = 200;

    /// <summary>Amendments one published evaluation keeps; past that, open a new evaluation.</summary>
    public const int MaxAmendments = 100;

    /// <summary>Evaluators one evaluation may have assigned: a team, not a crowd.</summary>
    public const int MaxAssignees = 20;

    public EvaluationState State { get; } = state;
    public FrameworkDefinition Framework { get; } = framework;

    public static Evaluation Open(EvaluationState state, string id, FrameworkDefinition framework, DateOnly evaluatedOn,
        IReadOnlyList<string> evaluators, DateTimeOffset now, string? openedBy = null)
    {
        Begin(state, id, framework, evaluatedOn, now);
        state.Status = EvaluationStatus.Draft;
        state.Origin = EvaluationOrigin.Scored;
        state.Evaluators = [.. evaluators];
        // The evaluator who opens an evaluation is assigned to it (an admin opening one assigns others).
        state.Assignees = openedBy is null ? [] : [openedBy];
        return new Evaluation(state, framework);
    }

    /// <summary>
    /// A historical result known only as area scores and/or a total; it is published as it comes. With
    /// <paramref name="scoresNotHeld"/> it records an evaluation that took place but whose scores the source does
    /// not give (Meråker's 2022 evaluation in the demo data): published, a basis for a strategy, counted in no
    /// statistic until an amendment gives its scores.
    /// </summary>
    public static Evaluation Import(EvaluationState state, string id, FrameworkDefinition framework, DateOnly evaluatedOn,
        IReadOnlyDictionary<string, int> areaScores, int? total, string source, DateTimeOffset now, bool scoresNotHeld = false)
    {
        EnsureNew(state, id);
        if (!scoresNotHeld)
            CheckPublishedScores(framework, areaScores, total);
        else if (areaScores.Count > 0 || total is not null)
            throw DomainException.Validation("scoresNotHeld", "scoresNotHeld records an evaluation whose scores the source does not give: leave out the area scores and the total.");
        Begin(state, id, framework, evaluatedOn, now);
        state.Status = EvaluationStatus.Published;
        state.Origin = EvaluationOrigin.Imported;
        state.Source = source;
        state.ImportedAreaScores = new Dictionary<string, int>(areaScores);
        state.ImportedTotal = total;
        state.PublishedAt = now;
        Outbox.Owe(state.Outbox, BenchmarkFollower, state.Version);
        Outbox.Owe(state.Outbox, AnalyticsFollower, state.Version);
        return new Evaluation(state, framework);
    }

    /// <summary>What every new evaluation starts with; the kommune's own tracking follows through the outbox.</summary>
    private static void Begin(EvaluationState state, string id, FrameworkDefinition framework, DateOnly evaluatedOn, DateTimeOffset now)
    {
        EnsureNew(state, id);
        var owner = KommuneId.OwnerOf(id); // a bad id is rejected before anything is set
        state.Id = id;
        state.KommuneId = owner.ToString();
        state.FrameworkVersion = framework.Version;
        state.EvaluatedOn = evaluatedOn;
        state.OpenedAt = now;
        state.Version = 1;
        Outbox.Owe(state.Outbox, KommuneFollower, state.Version);
    }

    public ScoreCard Score() => State.Origin == EvaluationOrigin.Imported
        ? ScoringRules.FromPublished(Framework, State.ImportedAreaScores, State.ImportedTotal)
        : ScoringRules.Compute(Framework, State.Ratings);

    public PublishedResult Result()
    {
        var card = Score();
        return new PublishedResult(State.Id, State.KommuneId, State.FrameworkVersion, State.EvaluatedOn, card.KnownAreaScores, card.Total,
            State.Version);
    }

    /// <summary>Assigns an evaluator (by token subject); assigning one already assigned changes nothing.</summary>
    public bool Assign(string subject, int? expectedVersion)
    {
        EnsureExists();
        EnsureVersion(expectedVersion);
        if (State.Origin == EvaluationOrigin.Imported)
            throw DomainException.Conflict($"Evaluation {State.Id} is an imported result: it has no evaluators to assign.", "evaluationId");
        if (State.Assignees.Contains(subject))
            return false;
        if (State.Assignees.Count >= MaxAssignees)
            throw DomainException.Conflict($"Evaluation {State.Id} already has {MaxAssignees} evaluators assigned.", "subject");
        State.Assignees.Add(subject);
        Changed();
        return true;
    }

    public void Rate(IReadOnlyList<PointRating> ratings, int? expectedVersion)
    {
        EnsureDraft(expectedVersion);
        CheckRatings(ratings, "ratings");
        foreach (var r in ratings)
            State.Ratings[r.Code] = r.Rating;
        Changed();
    }

    public void RecordInterview(Interview interview, int? expectedVersion)
    {
        EnsureDraft(expectedVersion);
        if (interview.People < 1)
            throw DomainException.Validation("people", "An interview has at least one person.");
        if (State.Interviews.Count >= MaxInterviews)
            throw DomainException.Validation("evaluationId", $"Evaluation {State.Id} already has {MaxInterviews} interviews, the most one evaluation keeps.");
        State.Interviews.Add(interview);
        Changed();
    }

    public void RecordFindings(string areaCode, AreaFindings findings, int? expectedVersion)
    {
        EnsureDraft(expectedVersion);
        if (Framework.FindArea(areaCode) is null)
            throw DomainException.Validation("areaCode", $"Unknown focus area '{areaCode}' in framework {Framework.Version}.");
        State.Findings[areaCode] = findings;
        Changed();
    }

    public void Publish(DateTimeOffset now, int? expectedVersion)
    {
        EnsureDraft(expectedVersion);
        var card = Score();
        if (!card.IsComplete)
            throw DomainException.Conflict(
                $"Evaluation {State.Id} cannot be published: {card.MissingScoringPoints.Count} scoring point(s) are unrated.",
                "ratings", card.MissingScoringPoints);
        State.Status = EvaluationStatus.Published;
        State.PublishedAt = now;
        ChangedResult();
    }

    /// <summary>
    /// An audited correction of a published result: new ratings for a scored evaluation, new area
    /// scores or total for an imported one. Records who, when, why and every old value.
    /// </summary>
    public void Amend(string by, string reason, IReadOnlyList<PointRating> ratings, IReadOnlyDictionary<string, int> areaScores,
        int? total, DateTimeOffset now, int? expectedVersion)
    {
        EnsureExists();
        EnsureVersion(expectedVersion);
        if (State.Status != EvaluationStatus.Published)
            throw DomainException.Conflict($"Evaluation {State.Id} is a draft: change it directly; amendments are for published results.");
        if (string.IsNullOrWhiteSpace(by))
            throw new DomainException(ErrorKind.Unauthenticated, "An amendment is audited: the caller must be identified.");
        if (string.IsNullOrWhiteSpace(reason))
            throw DomainException.Validation("reason", "An amendment must say why it was made.");
        if (State.Amendments.Count >= MaxAmendments)
            throw DomainException.Conflict(
                $"Evaluation {State.Id} has had {MaxAmendments} amendments, the most one evaluation keeps: open a new evaluation instead.");

        var changes = new List<AmendedValue>();
        if (State.Origin == EvaluationOrigin.Scored)
        {
            if (areaScores.Count > 0 || total is not null)
                throw DomainException.Validation("areaScores",
                    "A scored evaluation's area scores follow from its ratings: amend the ratings instead.");
            if (ratings.Count == 0)
                throw DomainException.Validation("ratings", "An amendment must change at least one rating.");
            CheckRatings(ratings, "ratings");
            var changed = ratings.Where(r => State.Ratings.GetValueOrDefault(r.Code) != r.Rating).ToList();
            if (changed.Count == 0)
                throw DomainException.Validation("ratings", "The amendment changes nothing: every rating is already as given.");
            changes.AddRange(changed.Select(r => new AmendedValue(
                $"ratings.{r.Code}", State.Ratings.TryGetValue(r.Code, out var old) ? Describe(old) : null, Describe(r.Rating))));
            foreach (var r in changed)
                State.Ratings[r.Code] = r.Rating;
        }
        else
        {
            if (ratings.Count > 0)
                throw DomainException.Validation("ratings", "An imported result has no ratings: amend its area scores or total.");
            if (areaScores.Count == 0 && total is null)
                throw DomainException.Validation("areaScores", "An amendment must change an area score or the total.");
            CheckAreaScores(Framework, areaScores);
            var merged = new Dictionary<string, int>(State.ImportedAreaScores);
            foreach (var (code, score) in areaScores)
                merged[code] = score;
            // A total left out stays as it was; the consistency check then says when it must change too.
            var newTotal = total ?? State.ImportedTotal;
            CheckPublishedScores(Framework, merged, newTotal);
            changes.AddRange(areaScores
                .Where(a => !State.ImportedAreaScores.TryGetValue(a.Key, out var old) || old != a.Value)
                .Select(a => new AmendedValue(
                    $"areaScores.{a.Key}", State.ImportedAreaScores.TryGetValue(a.Key, out var old) ? Str(old) : null, Str(a.Value))));
            if (newTotal != State.ImportedTotal)
                changes.Add(new AmendedValue("total", Str(State.ImportedTotal), Str(newTotal)));
            if (changes.Count == 0)
                throw DomainException.Validation("areaScores", "The amendment changes nothing: every score is already as given.");
            State.ImportedAreaScores = merged;
            State.ImportedTotal = newTotal;
        }
        State.Amendments.Add(new Amendment(by, now, reason, changes));
        ChangedResult();
    }

    /// <summary>Checks area scores (0 to the area's max) and a total (0 to the framework's max, consistent with the areas).</summary>
    public static void CheckPublishedScores(FrameworkDefinition framework, IReadOnlyDictionary<string, int> areaScores, int? total)
    {
        if (areaScores.Count == 0 && total is null)
            throw DomainException.Validation("areaScores", "A historical result needs area scores, a total, or both.");
        CheckAreaScores(framework, areaScores);
        if (total is null)
            return;
        if (total < 0 || total > framework.MaxTotal)
            throw DomainException.Validation("total", $"Total {total} is outside 0-{framework.MaxTotal:0}.");
        var known = areaScores.Values.Sum();
        var unknownMax = framework.Areas.Where(a => !areaScores.ContainsKey(a.Code)).Sum(a => a.MaxPoints);
        if (unknownMax == 0 && total != known)
            throw DomainException.Validation("total", $"Total {total} is not the sum of the area scores ({known}).");
        if (total < known || total > known + unknownMax)
            throw DomainException.Validation("total",
                $"Total {total} cannot hold the given area scores (their sum is {known}, the unknown areas add at most {unknownMax:0}).");
    }

    /// <summary>Each area known and scored 0 to its max; fields name the position in the given order.</summary>
    private static void CheckAreaScores(FrameworkDefinition framework, IReadOnlyDictionary<string, int> areaScores)
    {
        var i = 0;
        foreach (var (code, score) in areaScores)
        {
            var area = framework.FindArea(code)
                ?? throw DomainException.Validation($"areaScores[{i}].code", $"Unknown focus area '{code}' in framework {framework.Version}.");
            if (score < 0 || score > area.MaxPoints)
                throw DomainException.Validation($"areaScores[{i}].score", $"Area score {score} for area {code} is outside 0-{area.MaxPoints:0}.");
            i++;
        }
    }

    private void CheckRatings(IReadOnlyList<PointRating> ratings, string field)
    {
        if (ratings.Count == 0)
            throw DomainException.Validation(field, "Give at least one rating.");
        var seen = new HashSet<string>();
        for (var i = 0; i < ratings.Count; i++)
        {
            var path = $"{field}[{i}]";
            var code = ratings[i].Code;
            if (Framework.FindScoringPoint(code) is null)
                throw DomainException.Validation($"{path}.code", $"Unknown scoring point '{code}' in framework {Framework.Version}.");
            if (!seen.Add(code))
                throw DomainException.Validation($"{path}.code", $"Scoring point '{code}' is rated twice in one batch.");
            ScoringRules.EnsureOnScale(ratings[i].Rating, Framework.RatingScale, path);
        }
    }

    private static void EnsureNew(EvaluationState state, string id)
    {
        if (state.Exists)
            throw DomainException.Conflict($"Evaluation {id} already exists.", "evaluationId");
    }

    private void EnsureExists()
    {
        if (!State.Exists)
            throw DomainException.NotFound("No such evaluation.", "evaluationId");
    }

    private void EnsureVersion(int? expectedVersion)
    {
        if (expectedVersion is { } v && v != State.Version)
            throw DomainException.StaleVersion(
                $"Evaluation {State.Id} is at version {State.Version}, not {v}: someone changed it since you read it.");
    }

    private void EnsureDraft(int? expectedVersion)
    {
        EnsureExists();
        EnsureVersion(expectedVersion);
        if (State.Status == EvaluationStatus.Published)
            throw DomainException.Conflict(
                $"Evaluation {State.Id} is published and frozen: correct it with amendEvaluation or open a new evaluation.");
    }

    private void Changed() => State.Version++;

    /// <summary>A change to the published result: the kommune and the country benchmark must hear of it.</summary>
    private void ChangedResult()
    {
        Changed();
        Outbox.Owe(State.Outbox, KommuneFollower, State.Version);
        Outbox.Owe(State.Outbox, BenchmarkFollower, State.Version);
        Outbox.Owe(State.Outbox, AnalyticsFollower, State.Version);
    }

    private static string Describe(Rating r) => $"{r.System}/{r.Scope}/{r.Result}";

    private static string? Str(int? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
