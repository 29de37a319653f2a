using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Kompass.Contracts;
using Kompass.Domain;
using Kompass.Domain.Tenancy;
using Kompass.Gateway.Http;
using Kompass.Gateway.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Kompass.Gateway.Imports;

/// <summary>
/// <c>POST /imports/historical-results?dryRun=true|false</c> (platform admins): a CSV file of historical results as
/// the body (<c>text/csv</c>) or as the file of a <c>multipart/form-data</c> upload. Answers the report as JSON: 200
/// for a dry run or a finished import, 422 VALIDATION_ERROR (nothing imported) for a real run of a file with
/// problems, 413 for a file larger than <c>Kompass:Limits:MaxImportBytes</c>. Without <c>dryRun</c> it is a dry run.
/// </summary>
public static class HistoricalImportEndpoint
{
    public const string Path = "/imports/historical-results";

    public static IEndpointConventionBuilder MapHistoricalImport(this IEndpointRouteBuilder app) => app.MapPost(Path, HandleAsync);

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper) },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static async Task HandleAsync(HttpContext http, HistoricalImport import, MutationAudit audit, IOptions<RequestLimits> limitOptions)
    {
        const string Json = GraphQLEndpoint.Json;
        var (caller, refusal) = await RequestAccess.SignedInAsync(http);
        if (refusal is not null)
        {
            await RequestAccess.WriteAsync(http, refusal);
            return;
        }
        if (!Access.MayImportResults(caller!))
        {
            var refused = Access.Refused(caller!, "import historical results");
            await audit.RecordAsync(caller, HistoricalImport.Operation, null, null, ErrorCodes.Forbidden);
            await GraphQLEndpoint.WriteRequestError(http, StatusCodes.Status403Forbidden, Json, ErrorCodes.Forbidden, refused.Message);
            return;
        }
        if (DryRunOf(http.Request.Query["dryRun"]) is not { } dryRun)
        {
            await GraphQLEndpoint.WriteRequestError(http, StatusCodes.Status400BadRequest, Json, ErrorCodes.Validation,
                $"dryRun must be true or false, not '{http.Request.Query["dryRun"]}'.");
            return;
        }
        var limits = limitOptions.Value;
        string csv;
        try
        {
            if (await ReadFileAsync(http, limits.MaxImportBytes) is not { } text)
            {
                await GraphQLEndpoint.WriteRequestError(http, StatusCodes.Status415UnsupportedMediaType, Json, "UNSUPPORTED_MEDIA_TYPE",
                    "POST the CSV file as the body with Content-Type: text/csv, or as a multipart/form-data upload with one file.");
                return;
            }
            csv = text;
        }
        catch (LimitedStream.TooLargeException)
        {
            await GraphQLEndpoint.WriteRequestError(http, StatusCodes.Status413PayloadTooLarge, Json, "REQUEST_TOO_LARGE",
                $"The file is larger than {limits.MaxImportBytes} bytes ({RequestLimits.Section}:MaxImportBytes): split it.");
            return;
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            // A multipart body cut short or malformed (a client gone away gets no answer anyway).
            await GraphQLEndpoint.WriteRequestError(http, StatusCodes.Status400BadRequest, Json, "BAD_REQUEST",
                $"The multipart/form-data body cannot be read: {e.Message}");
            return;
        }

        HistoricalImportOutcome outcome;
        try
        {
            outcome = await import.RunAsync(new StringReader(csv), dryRun, caller!, http.RequestAborted);
        }
        catch (Exception e) when (ErrorCodes.FromInfrastructure(e) is not null)
        {
            // Reading the kommuner failed (storage or cluster): nothing was imported.
            var error = HistoricalImport.ErrorOf(e);
            await WriteAsync(http, StatusOf(error.Code), null, error);
            return;
        }
        if (!dryRun && HistoricalImport.Refusal(outcome) is { } invalid)
        {
            await audit.RecordAsync(caller, HistoricalImport.Operation, new ImportSummary(0, outcome.AlreadyHeld, 0, outcome.Problems.Count), null, invalid.Code);
            await WriteAsync(http, StatusCodes.Status422UnprocessableEntity, outcome, invalid);
            return;
        }
        if (dryRun)
        {
            await WriteAsync(http, StatusCodes.Status200OK, outcome, null);
            return;
        }
        var failed = outcome.Rows.FirstOrDefault(r => r.Action == RowAction.Failed);
        var code = failed?.ErrorCode ?? ErrorCodes.Internal;
        await audit.RecordAsync(caller, HistoricalImport.Operation, new ImportSummary(outcome.Imported, outcome.AlreadyHeld, outcome.Failed, 0), null,
            failed is null ? MutationAudit.Allowed : code);
        if (failed is null)
        {
            await WriteAsync(http, StatusCodes.Status200OK, outcome, null);
            return;
        }
        // Rows imported stay imported (each once): the same file sent again finishes the rest.
        await WriteAsync(http, StatusOf(code), outcome, new KompassError(code,
            $"{outcome.Failed} row(s) could not be imported (first: row {failed.Row}, {failed.Error}). " +
            "Send the same file again once the cause is gone: the rows already imported are skipped.", "file", [], retryable: code is ErrorCodes.Unavailable or ErrorCodes.Conflict));
    }

    private static int StatusOf(string code) => code switch
    {
        ErrorCodes.Validation => StatusCodes.Status422UnprocessableEntity,
        ErrorCodes.Conflict => StatusCodes.Status409Conflict,
        ErrorCodes.Forbidden => StatusCodes.Status403Forbidden,
        ErrorCodes.NotFound => StatusCodes.Status404NotFound,
        ErrorCodes.Internal => StatusCodes.Status500InternalServerError,
        _ => StatusCodes.Status503ServiceUnavailable,
    };

    /// <summary>What the platform's audit log records of an import (not the file).</summary>
    private sealed record ImportSummary(int Imported, int AlreadyHeld, int Failed, int Problems);

    private static bool? DryRunOf(Microsoft.Extensions.Primitives.StringValues value) =>
        value.Count == 0 ? true : bool.TryParse(value[0], out var b) ? b : null;

    /// <summary>The file's text (UTF-8, a byte order mark allowed); null when the request carries no CSV file.</summary>
    private static async Task<string?> ReadFileAsync(HttpContext http, long maxBytes)
    {
        var request = http.Request;
        if (request.ContentLength > maxBytes)
            throw new LimitedStream.TooLargeException();
        request.Body = new LimitedStream(request.Body, maxBytes);
        Stream file;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(http.RequestAborted);
            if (form.Files.Count != 1)
                return null;
            file = form.Files[0].OpenReadStream();
        }
        else if (IsCsv(request.ContentType))
            file = request.Body;
        else
            return null;
        await using (file)
        {
            using var reader = new StreamReader(file, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
            return await reader.ReadToEndAsync(http.RequestAborted);
        }
    }

    private static bool IsCsv(string? contentType) =>
        contentType?.Split(';')[0].Trim().ToLowerInvariant() is "text/csv" or "text/plain" or "application/csv";

    private static async Task WriteAsync(HttpContext http, int status, HistoricalImportOutcome? report, KompassError? error)
    {
        if (error is not null)
            GatewayMetrics.Error(error.Code);
        http.Response.StatusCode = status;
        http.Response.ContentType = GraphQLEndpoint.Json + "; charset=utf-8";
        object? errors = error is null ? null
            : new[] { new { message = error.Message, extensions = new { code = error.Code, field = error.Field, details = error.Details, retryable = error.Retryable } } };
        var summary = report is null ? null : new
        {
            report.DryRun,
            report.Clean,
            imported = report.Imported,
            alreadyHeld = report.AlreadyHeld,
            failed = report.Failed,
            report.Problems,
            report.Rows,
        };
        object body = errors is null ? new { report = summary } : summary is null ? new { errors } : new { errors, report = summary };
        await JsonSerializer.SerializeAsync(http.Response.Body, body, Options, http.RequestAborted);
    }
}
