using System.Security.Cryptography;
using System.Text;
using Kompass.Contracts;
using Kompass.Contracts.Evaluations;
using Kompass.Contracts.Kommuner;
using Kompass.Domain;
using Kompass.Domain.Analytics;
using Kompass.Domain.Kommuner;
using Kompass.Domain.Tenancy;
using Kompass.Gateway.Tenancy;
using Microsoft.Extensions.Logging;

namespace Kompass.Gateway.Imports;

/// <summary>What happens to one good row of a file: imported now, would be (dry run), already held, or failed.</summary>
public enum RowAction { Import, Imported, AlreadyHeld, Failed }

/// <summary>One good row of the file and what the import does with it.</summary>
public sealed record ImportedRow(int Row, string KommuneId, string FrameworkVersion, DateOnly EvaluatedOn,
    IReadOnlyDictionary<string, int> AreaScores, int? Total, string Source, RowAction Action, bool RegistersKommune,
    string? EvaluationId = null, string? Error = null, string? ErrorCode = null);

/// <summary>The answer to an import or a dry run: every problem (row, column, reason) and every good row with its action.</summary>
public sealed record HistoricalImportOutcome(bool DryRun, bool Clean, IReadOnlyList<CsvProblem> Problems, IReadOnlyList<ImportedRow> Rows)
{
    public int Imported => Rows.Count(r => r.Action == RowAction.Imported);
    public int AlreadyHeld => Rows.Count(r => r.Action == RowAction.AlreadyHeld);
    public int Failed => Rows.Count(r => r.Action == RowAction.Failed);
}

/// <summary>
/// Imports a CSV file of historical results (docs/analytics.md, CSV) through the same commands as the
/// <c>importHistoricalResult</c> mutation: the kommune registered when it is not, an evaluation id reserved, the
/// evaluation imported, so durable delivery brings the result to the kommune, the directory and the benchmarks.
/// Nothing is imported unless the whole file is clean. Each row is imported at most once:
/// <list type="bullet">
/// <item>a row whose kommune already holds a result of the same version and date is skipped (ALREADY_HELD);</item>
/// <item>each row carries a request key made from its kommune, version and date, so a retried upload after a crash
/// between reserving an id and the kommune hearing of the result is given the same evaluation id, and the
/// evaluation, which remembers the key, does not import it again.</item>
/// </list>
/// </summary>
public sealed class HistoricalImport(KompassApi api, KommuneReference reference, MutationAudit audit, ILogger<HistoricalImport> logger)
{
    public const string Operation = "importHistoricalResults";

    /// <summary>Kommuner read, registered and imported at once (each kommune's rows in file order).</summary>
    private const int Concurrency = 4;

    /// <summary>
    /// Reads and checks the file, finds what is already held, and unless a dry run imports the good rows of a clean
    /// file. A real run of a file with problems imports nothing and answers its report (<see cref="Refusal"/> says why).
    /// </summary>
    public async Task<HistoricalImportOutcome> RunAsync(TextReader csv, bool dryRun, Principal caller, CancellationToken cancel)
    {
        var report = HistoricalResultsCsv.Read(csv, api.Catalogue, reference);
        var held = await ReadKommunerAsync(report.Rows.Select(r => r.Kommune.ToString()).Distinct(), caller, cancel);
        var problems = new List<CsvProblem>(report.Problems);
        var rows = Plan(report.Rows, held, problems);
        problems.Sort((a, b) => a.Row.CompareTo(b.Row));
        var outcome = new HistoricalImportOutcome(dryRun, problems.Count == 0, problems, rows);
        if (dryRun || !outcome.Clean)
            return outcome; // a real run of a file with problems imports nothing: see Refusal

        // Once begun, the import runs to its end even if the client goes away: fewer rows left for a retry to finish.
        var imported = new Dictionary<int, ImportedRow>();
        await Parallel.ForEachAsync(rows.Where(r => r.Action == RowAction.Import).GroupBy(r => r.KommuneId),
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency },
            async (kommune, _) =>
            {
                var results = await ImportKommuneAsync([.. kommune], caller);
                lock (imported)
                    foreach (var r in results)
                        imported[r.Row] = r;
            });
        return outcome with { Rows = [.. rows.Select(r => imported.GetValueOrDefault(r.Row, r))] };
    }

    /// <summary>Why a real run imported nothing: VALIDATION_ERROR on <c>file</c> with a line per problem (the domain's wording); null for a clean file.</summary>
    public static KompassError? Refusal(HistoricalImportOutcome outcome)
    {
        try
        {
            new HistoricalImportReport([], outcome.Problems).ToImport();
            return null;
        }
        catch (DomainException e)
        {
            return ErrorCodes.From(e);
        }
    }

    /// <summary>The kommune request key of a row: the same for every upload of the same result.</summary>
    public static string RowKey(string kommuneId, string frameworkVersion, DateOnly evaluatedOn) =>
        "csv-import:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{kommuneId}|{frameworkVersion}|{evaluatedOn:yyyy-MM-dd}")))[..32];

    private async Task<Dictionary<string, KommuneView?>> ReadKommunerAsync(IEnumerable<string> ids, Principal caller, CancellationToken cancel)
    {
        var held = new Dictionary<string, KommuneView?>();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = Concurrency * 4, CancellationToken = cancel },
            async (id, _) =>
            {
                var view = await KompassApi.As(caller, () => api.Kommune(id));
                lock (held)
                    held[id] = view;
            });
        return held;
    }

    /// <summary>
    /// What each good row would do, against what the kommuner hold; a row that would take a kommune past its
    /// evaluations a year is a problem now, not a failure halfway through the import.
    /// </summary>
    private static List<ImportedRow> Plan(IReadOnlyList<HistoricalResultRow> good, Dictionary<string, KommuneView?> held, List<CsvProblem> problems)
    {
        var rows = new List<ImportedRow>();
        var perYear = new Dictionary<(string, int), int>();
        foreach (var r in good)
        {
            var id = r.Kommune.ToString();
            var kommune = held.GetValueOrDefault(id);
            var same = kommune?.Evaluations.FirstOrDefault(e => e.Result is not null
                && e.FrameworkVersion == r.FrameworkVersion && e.EvaluatedOn == r.EvaluatedOn);
            var action = same is null ? RowAction.Import : RowAction.AlreadyHeld;
            if (action == RowAction.Import)
            {
                var year = (id, r.EvaluatedOn.Year);
                var n = perYear[year] = perYear.GetValueOrDefault(year, kommune?.Evaluations.Count(e => e.EvaluatedOn.Year == r.EvaluatedOn.Year) ?? 0) + 1;
                if (n > Kommune.MaxEvaluationsPerYear)
                    problems.Add(new CsvProblem(r.Row, "evaluated_on",
                        $"{id} would have more than {Kommune.MaxEvaluationsPerYear} evaluations in {r.EvaluatedOn.Year}, the most one year may have"));
            }
            rows.Add(new ImportedRow(r.Row, id, r.FrameworkVersion, r.EvaluatedOn, r.AreaScores, r.Total, r.Source, action,
                RegistersKommune: kommune is null, same?.Id));
        }
        return rows;
    }

    /// <summary>One kommune's rows in file order; the first failure stops its rest (a retry of the file finishes them).</summary>
    private async Task<List<ImportedRow>> ImportKommuneAsync(List<ImportedRow> rows, Principal caller)
    {
        var done = new List<ImportedRow>();
        try
        {
            if (rows[0].RegistersKommune)
                await RegisterAsync(rows[0].KommuneId, caller);
        }
        catch (Exception e)
        {
            return [.. rows.Select(r => Failed(r, e))];
        }
        foreach (var row in rows)
        {
            var command = new ImportHistoricalResult(row.KommuneId, row.FrameworkVersion, row.EvaluatedOn,
                [.. row.AreaScores.Select(a => new AreaScoreInput(a.Key, a.Value))], row.Total, row.Source);
            try
            {
                var view = await api.ImportHistoricalResult(command, new Caller(caller, RowKey(row.KommuneId, row.FrameworkVersion, row.EvaluatedOn)));
                await audit.RecordAsync(caller, Operation, command, view, MutationAudit.Allowed);
                done.Add(row with { Action = RowAction.Imported, EvaluationId = view.Id });
            }
            catch (Exception e)
            {
                await audit.RecordAsync(caller, Operation, command, null, MutationAudit.OutcomeOf(e));
                done.AddRange(rows.Skip(done.Count).Select(r => Failed(r, e)));
                break;
            }
        }
        return done;
    }

    private async Task RegisterAsync(string kommuneId, Principal caller)
    {
        var command = new RegisterKommune(kommuneId);
        try
        {
            var view = await api.RegisterKommune(command, caller);
            await audit.RecordAsync(caller, Operation, command, view, MutationAudit.Allowed);
        }
        catch (KompassError e) when (e.Code == ErrorCodes.Conflict && e.Field == "kommuneId")
        {
            // Registered by someone else since it was read: that is what this wanted.
        }
    }

    private ImportedRow Failed(ImportedRow row, Exception e)
    {
        var error = ErrorOf(e);
        if (error.Code == ErrorCodes.Internal)
            logger.LogError(e, "Importing row {Row} ({Kommune}) of a CSV file failed.", row.Row, row.KommuneId);
        else
            logger.LogWarning("Importing row {Row} ({Kommune}) of a CSV file failed: {Code} {Message}", row.Row, row.KommuneId, error.Code, error.Message);
        return row with { Action = RowAction.Failed, Error = error.Message, ErrorCode = error.Code };
    }

    /// <summary>The error a client is answered for an exception (a domain rule, a grain's error, the infrastructure, else ours).</summary>
    public static KompassError ErrorOf(Exception e) => e switch
    {
        DomainException d => ErrorCodes.From(d),
        _ => ErrorCodes.FromInfrastructure(e) ?? new KompassError(ErrorCodes.Internal, "The import failed for a reason of the service's own; retry the file.", null, [], retryable: true),
    };
}
