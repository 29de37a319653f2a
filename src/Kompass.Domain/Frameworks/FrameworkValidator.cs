using System.Globalization;
using System.Text.RegularExpressions;
using FluentValidation;
using FluentValidation.Results;

namespace Kompass.Domain.Frameworks;

/// <summary>
/// The rules a framework version must satisfy before evaluations can be scored under it.
/// Per-element rules live in the nested validators (FluentValidation builds paths such as
/// <c>Areas[5].SubAreas[2].MaxPoints</c>); rules that span elements (unique codes, code prefixes,
/// perspective references, point sums) are checked in one pass with explicit paths.
/// </summary>
public sealed partial class FrameworkValidator : AbstractValidator<FrameworkDefinition>
{
    public const decimal AreaMaxPoints = 100m;
    public const decimal TotalMaxPoints = 800m;

    public static FrameworkValidator Instance { get; } = new();

    [GeneratedRegex("^[A-Za-z0-9._-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();

    public FrameworkValidator()
    {
        RuleFor(f => f.Version).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("version must not be empty")
            .Must(v => VersionPattern().IsMatch(v))
            .WithMessage(f => $"version '{f.Version}' may only contain letters, digits, '.', '_' and '-'");

        RuleFor(f => f.Name).NotNull().WithMessage("name is required").SetValidator(NameValidator.Instance);

        RuleFor(f => f.RatingScale).NotNull().WithMessage("ratingScale is required");
        When(f => f.RatingScale is not null, () =>
        {
            RuleFor(f => f.RatingScale.Min).GreaterThanOrEqualTo(0)
                .WithMessage(f => $"ratingScale min must be 0 or more (was {f.RatingScale.Min})");
            RuleFor(f => f.RatingScale.Max).Must((f, max) => max > f.RatingScale.Min)
                .WithMessage(f => $"ratingScale max must be greater than min (max {f.RatingScale.Max}, min {f.RatingScale.Min})");
        });

        RuleFor(f => f.Perspectives).NotNull().WithMessage("perspectives must be a list (empty when the version has none)");
        RuleForEach(f => f.Perspectives).NotNull().WithMessage("perspective must not be null")
            .SetValidator(new PerspectiveValidator());

        RuleFor(f => f.Areas).NotNull().WithMessage("areas must be a list");
        RuleForEach(f => f.Areas).NotNull().WithMessage("area must not be null")
            .SetValidator(new AreaValidator());

        RuleForEach(f => f.AreaMappings).NotNull().WithMessage("area mapping must not be null");

        RuleFor(f => f).Custom(CheckStructure);
        RuleFor(f => f).Custom(CheckAreaMappings);
    }

    /// <summary>
    /// A mapping names another version and pairs areas of this version with areas of that one, one to one.
    /// Whether the other version and its areas exist is checked by the catalogue, which knows every version.
    /// </summary>
    private static void CheckAreaMappings(FrameworkDefinition f, ValidationContext<FrameworkDefinition> ctx)
    {
        void Fail(string path, string message) => ctx.AddFailure(new ValidationFailure(path, message));

        var areas = f.Areas ?? [];
        var mappings = f.AreaMappings ?? [];
        var versions = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var m = 0; m < mappings.Count; m++)
        {
            var mapping = mappings[m];
            if (mapping is null) continue; // reported by its own rule
            var path = $"areaMappings[{m}]";
            if (string.IsNullOrWhiteSpace(mapping.Version))
                Fail(path + ".version", "the version mapped to must not be blank");
            else if (mapping.Version == f.Version)
                Fail(path + ".version", $"version '{mapping.Version}' is this file's own version; map to an earlier version");
            else if (!versions.TryAdd(mapping.Version, path))
                Fail(path + ".version", $"version '{mapping.Version}' is mapped more than once (first at {versions[mapping.Version]})");

            if (mapping.Areas is null || mapping.Areas.Count == 0)
            {
                Fail(path + ".areas", "areas must list at least one pair of area and earlierArea");
                continue;
            }
            var seenAreas = new Dictionary<string, string>(StringComparer.Ordinal);
            var seenEarlier = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var a = 0; a < mapping.Areas.Count; a++)
            {
                var pair = mapping.Areas[a];
                var pairPath = $"{path}.areas[{a}]";
                if (pair is null)
                {
                    Fail(pairPath, "a pair of area and earlierArea must not be null");
                    continue;
                }
                if (string.IsNullOrWhiteSpace(pair.Area))
                    Fail(pairPath + ".area", "area must not be blank");
                else if (!areas.Any(x => x?.Code == pair.Area))
                    Fail(pairPath + ".area", $"area '{pair.Area}' is not an area of version {f.Version}");
                else if (!seenAreas.TryAdd(pair.Area, pairPath))
                    Fail(pairPath + ".area", $"area '{pair.Area}' is mapped more than once (first at {seenAreas[pair.Area]})");

                if (string.IsNullOrWhiteSpace(pair.EarlierArea))
                    Fail(pairPath + ".earlierArea", "earlierArea must not be blank");
                else if (!seenEarlier.TryAdd(pair.EarlierArea, pairPath))
                    Fail(pairPath + ".earlierArea",
                        $"earlier area '{pair.EarlierArea}' is already the counterpart of another area (at {seenEarlier[pair.EarlierArea]}); a mapping is one to one");
            }
        }
    }

    private static void CheckStructure(FrameworkDefinition f, ValidationContext<FrameworkDefinition> ctx)
    {
        void Fail(string path, string message) => ctx.AddFailure(new ValidationFailure(path, message));

        var perspectives = f.Perspectives ?? [];
        var areas = f.Areas ?? [];
        var declared = perspectives.Where(p => !string.IsNullOrWhiteSpace(p?.Code)).Select(p => p.Code).ToList();

        // One namespace for all codes, so a scoring point code (sub-area or question) is never ambiguous.
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        void Claim(string? code, string path)
        {
            if (string.IsNullOrWhiteSpace(code)) return; // reported by the element's own rule
            if (!seen.TryAdd(code, path + ".code"))
                Fail(path + ".code", $"code '{code}' is used more than once (first at {seen[code]})");
        }

        for (var p = 0; p < perspectives.Count; p++)
            Claim(perspectives[p]?.Code, $"perspectives[{p}]");

        for (var a = 0; a < areas.Count; a++)
        {
            var area = areas[a];
            if (area is null) continue;
            var areaPath = $"areas[{a}]";
            Claim(area.Code, areaPath);

            if (declared.Count > 0 && string.IsNullOrWhiteSpace(area.Perspective))
                Fail(areaPath + ".perspective", $"perspective is required because the version declares perspectives ({string.Join(", ", declared)})");
            else if (!string.IsNullOrWhiteSpace(area.Perspective) && !declared.Contains(area.Perspective))
                Fail(areaPath + ".perspective", declared.Count == 0
                    ? $"perspective '{area.Perspective}' is not declared (the version declares no perspectives)"
                    : $"perspective '{area.Perspective}' is not declared; declared perspectives: {string.Join(", ", declared)}");

            var subAreas = area.SubAreas ?? [];
            var complete = true; // sums are only meaningful when no element is missing
            for (var s = 0; s < subAreas.Count; s++)
            {
                var sub = subAreas[s];
                if (sub is null) { complete = false; continue; }
                var subPath = $"{areaPath}.subAreas[{s}]";
                Claim(sub.Code, subPath);
                CheckPrefix(sub.Code, area.Code, subPath, "sub-area", "area", Fail);

                var questions = sub.Questions ?? [];
                for (var q = 0; q < questions.Count; q++)
                {
                    var question = questions[q];
                    if (question is null) { complete = false; continue; }
                    var questionPath = $"{subPath}.questions[{q}]";
                    Claim(question.Code, questionPath);
                    CheckPrefix(question.Code, sub.Code, questionPath, "question", "sub-area", Fail);
                }

                if (questions.Count > 0 && questions.All(x => x is not null))
                {
                    var sum = questions.Sum(x => x.MaxPoints);
                    if (sum != sub.MaxPoints)
                        Fail(subPath + ".questions", $"questions add up to {N(sum)} points, but the sub-area's maxPoints is {N(sub.MaxPoints)}");
                }
                complete &= sub.Questions is not null;
            }

            if (area.SubAreas is not null && complete)
            {
                var sum = FrameworkDefinition.ScoringPointsOf(area).Sum(x => x.MaxPoints);
                if (sum != area.MaxPoints)
                    Fail(areaPath + ".subAreas", $"scoring points add up to {N(sum)} points, but the area's maxPoints is {N(area.MaxPoints)}");
            }
        }

        var total = areas.Where(a => a is not null).Sum(a => a.MaxPoints);
        if (f.Areas is not null && total != TotalMaxPoints)
            Fail("areas", $"areas add up to {N(total)} points in all; a version must total exactly {N(TotalMaxPoints)}");
    }

    // A child's code is its parent's code, a dot and something more (6.3 -> 6.3.1), so codes read as a path.
    private static void CheckPrefix(string? code, string? parentCode, string path, string kind, string parentKind, Action<string, string> fail)
    {
        if (string.IsNullOrWhiteSpace(code) || string.IsNullOrWhiteSpace(parentCode)) return;
        var prefix = parentCode + ".";
        if (!code.StartsWith(prefix, StringComparison.Ordinal) || code.Length == prefix.Length)
            fail(path + ".code", $"{kind} code '{code}' must start with '{prefix}' (its {parentKind}'s code and a dot)");
    }

    internal static string N(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private sealed class NameValidator : AbstractValidator<LocalizedName>
    {
        public static readonly NameValidator Instance = new();

        private NameValidator()
        {
            RuleFor(n => n.Nb).NotEmpty().WithMessage("Norwegian (nb) wording must not be blank");
            RuleFor(n => n.Sv).NotEmpty().WithMessage("Swedish (sv) wording must not be blank");
        }
    }

    private sealed class PerspectiveValidator : AbstractValidator<Perspective>
    {
        public PerspectiveValidator()
        {
            RuleFor(p => p.Code).NotEmpty().WithMessage("perspective code must not be blank");
            RuleFor(p => p.Name).NotNull().WithMessage("perspective name is required").SetValidator(NameValidator.Instance);
        }
    }

    private sealed class AreaValidator : AbstractValidator<FocusArea>
    {
        public AreaValidator()
        {
            RuleFor(a => a.Code).NotEmpty().WithMessage("area code must not be blank");
            RuleFor(a => a.Name).NotNull().WithMessage("area name is required").SetValidator(NameValidator.Instance);
            RuleFor(a => a.MaxPoints).Equal(AreaMaxPoints)
                .WithMessage(a => $"area maxPoints must be {N(AreaMaxPoints)} (was {N(a.MaxPoints)})");
            RuleFor(a => a.SubAreas).NotNull().WithMessage("subAreas must be a list (empty when the area is scored as a whole)");
            RuleForEach(a => a.SubAreas).NotNull().WithMessage("sub-area must not be null")
                .SetValidator(new SubAreaValidator());
        }
    }

    private sealed class SubAreaValidator : AbstractValidator<SubArea>
    {
        public SubAreaValidator()
        {
            RuleFor(s => s.Code).NotEmpty().WithMessage("sub-area code must not be blank");
            RuleFor(s => s.Name).NotNull().WithMessage("sub-area name is required").SetValidator(NameValidator.Instance);
            RuleFor(s => s.MaxPoints).GreaterThan(0)
                .WithMessage(s => $"sub-area maxPoints must be greater than 0 (was {N(s.MaxPoints)})");
            RuleFor(s => s.Questions).NotNull().WithMessage("questions must be a list (empty when the sub-area is scored as a whole)");
            RuleForEach(s => s.Questions).NotNull().WithMessage("question must not be null")
                .SetValidator(new QuestionValidator());
        }
    }

    private sealed class QuestionValidator : AbstractValidator<Question>
    {
        public QuestionValidator()
        {
            RuleFor(q => q.Code).NotEmpty().WithMessage("question code must not be blank");
            RuleFor(q => q.Text).NotNull().WithMessage("question text is required").SetValidator(NameValidator.Instance);
            RuleFor(q => q.MaxPoints).GreaterThan(0)
                .WithMessage(q => $"question maxPoints must be greater than 0 (was {N(q.MaxPoints)})");
        }
    }
}
