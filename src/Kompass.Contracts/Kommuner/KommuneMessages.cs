namespace Kompass.Contracts.Kommuner;

/// <summary>Register a municipality; what is left out is filled in from the official reference list.</summary>
[GenerateSerializer, Immutable, Alias("kompass.RegisterKommune")]
public sealed record RegisterKommune(
    [property: Id(0)] string KommuneId,
    [property: Id(1)] string? Name = null,
    [property: Id(2)] string? CountyName = null,
    [property: Id(3)] int? Population = null) : ITargetsKommune;

[GenerateSerializer, Immutable, Alias("kompass.KommuneView")]
public sealed record KommuneView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Country,
    [property: Id(2)] string Number,
    [property: Id(3)] string Name,
    [property: Id(4)] string? CountyName,
    [property: Id(5)] int? Population,
    [property: Id(6)] int? PopulationYear,
    [property: Id(7)] IReadOnlyList<EvaluationEntryView> Evaluations,
    [property: Id(8)] LatestResultView? LatestResult = null,
    [property: Id(9)] int FeedTokenGeneration = 0);

/// <summary>Rotates the secret token of the kommune's calendar feed URL: every URL handed out before stops working.</summary>
[GenerateSerializer, Immutable, Alias("kompass.RotateCalendarFeedToken")]
public sealed record RotateCalendarFeedToken([property: Id(0)] string KommuneId) : ITargetsKommune;

/// <summary>A kommune's latest published or imported result by date; <see cref="Total"/> is null when the result has no total.</summary>
[GenerateSerializer, Immutable, Alias("kompass.LatestResultView")]
public sealed record LatestResultView(
    [property: Id(0)] string EvaluationId,
    [property: Id(1)] string FrameworkVersion,
    [property: Id(2)] DateOnly EvaluatedOn,
    [property: Id(3)] int? Total);

/// <summary>
/// An evaluation as its kommune tracks it; <see cref="Result"/> is set once it is published.
/// <see cref="Version"/> is the evaluation's version: the kommune ignores one older than it holds.
/// </summary>
[GenerateSerializer, Immutable, Alias("kompass.EvaluationEntryView")]
public sealed record EvaluationEntryView(
    [property: Id(0)] string Id,
    [property: Id(1)] string FrameworkVersion,
    [property: Id(2)] DateOnly EvaluatedOn,
    [property: Id(3)] ResultMessage? Result,
    [property: Id(4)] int Version = 0);

/// <summary>
/// A published result: the event that the kommune and the country benchmark follow, at the
/// evaluation's <see cref="Version"/> (a follower ignores one older than it holds).
/// </summary>
[GenerateSerializer, Immutable, Alias("kompass.ResultMessage")]
public sealed record ResultMessage(
    [property: Id(0)] string EvaluationId,
    [property: Id(1)] string KommuneId,
    [property: Id(2)] string FrameworkVersion,
    [property: Id(3)] DateOnly EvaluatedOn,
    [property: Id(4)] IReadOnlyDictionary<string, int> AreaScores,
    [property: Id(5)] int? Total,
    [property: Id(6)] int Version = 0);

/// <summary>
/// A kommune as its country's directory lists it, at the kommune's <see cref="Version"/>: its name, county,
/// population and latest result, so that a page of kommuner needs no call to any kommune.
/// </summary>
[GenerateSerializer, Immutable, Alias("kompass.DirectoryEntryView")]
public sealed record DirectoryEntryView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] int Version = 0,
    [property: Id(3)] string? CountyName = null,
    [property: Id(4)] int? Population = null,
    [property: Id(5)] int? PopulationYear = null,
    [property: Id(6)] LatestResultView? LatestResult = null);

[GenerateSerializer, Immutable, Alias("kompass.DirectoryPage")]
public sealed record DirectoryPage(
    [property: Id(0)] IReadOnlyList<DirectoryEntryView> Items,
    [property: Id(1)] IReadOnlyList<string> Cursors,
    [property: Id(2)] int TotalCount,
    [property: Id(3)] bool HasNextPage,
    [property: Id(4)] bool HasPreviousPage);

/// <summary>Removes a kommune and all its data from the service (platform admins). Confirm repeats the id.</summary>
[GenerateSerializer, Immutable, Alias("kompass.OffboardKommune")]
public sealed record OffboardKommune([property: Id(0)] string KommuneId, [property: Id(1)] string Confirm);

[GenerateSerializer, Immutable, Alias("kompass.OffboardingView")]
public sealed record OffboardingView([property: Id(0)] string KommuneId, [property: Id(1)] int EvaluationsRemoved, [property: Id(2)] int AuditEntriesRemoved,
    [property: Id(3)] int StoredAnswersRemoved);
