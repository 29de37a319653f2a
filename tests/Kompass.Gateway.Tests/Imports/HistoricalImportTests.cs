using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Kompass.Contracts;
using Kompass.Contracts.Kommuner;
using Kompass.Domain.Tenancy;
using Kompass.Gateway.Imports;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace Kompass.Gateway.Tests.Imports;

/// <summary>POST /imports/historical-results over HTTP with real tokens: dry run, import, retries, bad files, access and limits.</summary>
using static ImportCalls;

[Collection(ImportHostCollection.Name)]
public sealed class HistoricalImportTests(ImportHostFixture fixture)
{
    private KompassTestHost Host => fixture.Host;

    [Fact]
    public async Task A_dry_run_reports_what_would_be_imported_and_stores_nothing()
    {
        var (status, body) = await PostCsvAsync($"""
            {Header}
            SE,0180,2020,2019-05-01,60,61,62,63,64,65,66,67,508,SKR Kommunkompassen 2019
            SE,0180,2020,2023-05-01,,,,,,,,,530,SKR Kommunkompassen 2023
            """, dryRun: true);

        Assert.Equal(HttpStatusCode.OK, status);
        var report = body["report"]!;
        Assert.True(report["dryRun"]!.GetValue<bool>());
        Assert.True(report["clean"]!.GetValue<bool>());
        Assert.Empty(report["problems"]!.AsArray());
        var rows = report["rows"]!.AsArray();
        Assert.Equal([2, 3], rows.Select(r => r!["row"]!.GetValue<int>()));
        Assert.All(rows, r => Assert.Equal("IMPORT", r!["action"]!.GetValue<string>()));
        Assert.All(rows, r => Assert.True(r!["registersKommune"]!.GetValue<bool>()));
        Assert.Equal(508, rows[0]!["total"]!.GetValue<int>());
        Assert.Equal(67, rows[0]!["areaScores"]!["8"]!.GetValue<int>());
        Assert.Equal(0, report["imported"]!.GetValue<int>());
        Assert.Null((await Host.OkAsync("""{ kommune(id: "SE-0180") { id } }"""))["kommune"]);
    }

    [Fact]
    public async Task A_clean_file_is_imported_once_and_a_retried_upload_imports_nothing_twice()
    {
        var csv = $"""
            {Header}
            SE,1280,2020,2018-03-01,50,51,52,53,54,55,56,57,428,SKR Kommunkompassen 2018
            SE,1280,2020,2022-03-01,,,,,,,,,455,"SKR Kommunkompassen 2022, sammanfattning"
            """;
        var (status, body) = await PostCsvAsync(csv, dryRun: false);

        Assert.Equal(HttpStatusCode.OK, status);
        var report = body["report"]!;
        Assert.False(report["dryRun"]!.GetValue<bool>());
        Assert.Equal(2, report["imported"]!.GetValue<int>());
        var ids = report["rows"]!.AsArray().Select(r => r!["evaluationId"]!.GetValue<string>()).ToList();
        Assert.Equal(["SE-1280/eval/2018-1", "SE-1280/eval/2022-1"], ids);
        var kommune = (await Host.OkAsync("""{ kommune(id: "SE-1280") { name evaluations { id status imported total source } } }"""))["kommune"]!;
        Assert.Equal("Malmö", kommune["name"]!.GetValue<string>());
        var evaluations = kommune["evaluations"]!.AsArray();
        Assert.Equal(ids, evaluations.Select(e => e!["id"]!.GetValue<string>()));
        Assert.All(evaluations, e => Assert.Equal("PUBLISHED", e!["status"]!.GetValue<string>()));
        Assert.All(evaluations, e => Assert.True(e!["imported"]!.GetValue<bool>()));
        Assert.Equal([428, 455], evaluations.Select(e => e!["total"]!.GetValue<int>()));
        Assert.Equal("SKR Kommunkompassen 2022, sammanfattning", evaluations[1]!["source"]!.GetValue<string>());

        // The same file again (a client that never saw the answer): each row is already held, nothing is imported twice.
        var dry = (await PostCsvAsync(csv, dryRun: true)).Body["report"]!;
        Assert.All(dry["rows"]!.AsArray(), r => Assert.Equal("ALREADY_HELD", r!["action"]!.GetValue<string>()));
        Assert.Equal(ids, dry["rows"]!.AsArray().Select(r => r!["evaluationId"]!.GetValue<string>()));
        var (again, againBody) = await PostCsvAsync(csv, dryRun: false);
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal(0, againBody["report"]!["imported"]!.GetValue<int>());
        Assert.Equal(2, againBody["report"]!["alreadyHeld"]!.GetValue<int>());
        Assert.Equal(2, (await Host.OkAsync("""{ kommune(id: "SE-1280") { evaluations { id } } }"""))["kommune"]!["evaluations"]!.AsArray().Count);

        // Audited like the mutations: the registration and each result in the kommune's log, the upload in the platform's.
        var log = (await Host.OkAsync("""{ auditLog(kommuneId: "SE-1280", first: 50) { nodes { actor operation target outcome changes } } }"""))["auditLog"]!["nodes"]!.AsArray();
        Assert.Equal(3, log.Count(e => e!["operation"]!.GetValue<string>() == HistoricalImport.Operation && e["outcome"]!.GetValue<string>() == "OK"));
        Assert.Contains(log, e => e!["changes"]!.GetValue<string>().Contains("total 455", StringComparison.Ordinal));
        Assert.All(log, e => Assert.Equal(Importer, e!["actor"]!.GetValue<string>()));
        var platform = (await Host.OkAsync("""{ auditLog(kommuneId: "platform", first: 50) { nodes { actor operation outcome changes } } }"""))["auditLog"]!["nodes"]!.AsArray();
        Assert.Contains(platform, e => e!["operation"]!.GetValue<string>() == HistoricalImport.Operation
            && e["changes"]!.GetValue<string>().Contains("\"imported\":2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_retried_upload_after_a_crash_is_given_the_evaluation_id_reserved_the_first_time()
    {
        await Host.RegisterAsync("SE-1480");
        var on = new DateOnly(2020, 9, 1);
        // The first upload reserved the id (the row's request key) and died before it imported anything.
        CallerContext.Principal = Principal.System;
        CallerContext.RequestKey = HistoricalImport.RowKey("SE-1480", "2020", on);
        var reserved = await Host.Services.GetRequiredService<IGrainFactory>().GetGrain<IKommuneGrain>("SE-1480").ReserveEvaluationId(on.Year);
        CallerContext.RequestKey = null;
        CallerContext.Principal = null;

        var (status, body) = await PostCsvAsync($"""
            {Header}
            SE,1480,2020,2020-09-01,,,,,,,,,470,SKR Kommunkompassen 2020
            """, dryRun: false);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(reserved, body["report"]!["rows"]![0]!["evaluationId"]!.GetValue<string>());
        var evaluations = (await Host.OkAsync("""{ kommune(id: "SE-1480") { evaluations { id total } } }"""))["kommune"]!["evaluations"]!.AsArray();
        Assert.Equal(reserved, Assert.Single(evaluations)!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_row_that_fails_while_importing_is_reported_with_its_reason_and_the_others_stay_imported_once()
    {
        await Host.RegisterAsync("SE-0182");
        // Nacka has had its 20 evaluation ids of 2019 handed out (opened elsewhere, never tracked): the 21st fails.
        CallerContext.Principal = Principal.System;
        var nacka = Host.Services.GetRequiredService<IGrainFactory>().GetGrain<IKommuneGrain>("SE-0182");
        for (var i = 0; i < 20; i++)
            await nacka.ReserveEvaluationId(2019);
        CallerContext.Principal = null;
        var csv = $"""
            {Header}
            SE,0182,2020,2019-05-01,,,,,,,,,480,SKR 2019
            SE,0183,2020,2019-05-01,,,,,,,,,470,SKR 2019
            """;

        var (status, body) = await PostCsvAsync(csv, dryRun: false);

        Assert.Equal((HttpStatusCode)422, status);
        Assert.Equal(ErrorCodes.Validation, CodeOf(body));
        var rows = body["report"]!["rows"]!.AsArray();
        Assert.Equal("FAILED", rows[0]!["action"]!.GetValue<string>());
        Assert.Equal(ErrorCodes.Validation, rows[0]!["errorCode"]!.GetValue<string>());
        Assert.Contains("20 evaluations in 2019", rows[0]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("IMPORTED", rows[1]!["action"]!.GetValue<string>());
        Assert.Empty((await Host.OkAsync("""{ kommune(id: "SE-0182") { evaluations { id } } }"""))["kommune"]!["evaluations"]!.AsArray());
        Assert.Single((await Host.OkAsync("""{ kommune(id: "SE-0183") { evaluations { id } } }"""))["kommune"]!["evaluations"]!.AsArray());

        // Sent again: the imported row is held, the failing row fails again, nothing is imported twice.
        var again = (await PostCsvAsync(csv, dryRun: false)).Body["report"]!["rows"]!.AsArray();
        Assert.Equal(["FAILED", "ALREADY_HELD"], again.Select(r => r!["action"]!.GetValue<string>()));
        Assert.Single((await Host.OkAsync("""{ kommune(id: "SE-0183") { evaluations { id } } }"""))["kommune"]!["evaluations"]!.AsArray());
    }

    [Fact]
    public async Task A_file_with_bad_rows_is_reported_row_by_row_and_nothing_is_imported()
    {
        var csv = $"""
            {Header}
            SE,0380,2020,2019-05-01,60,60,60,60,60,60,60,60,480,good row
            SE,0580,2020,2019-05-01,6x,60,60,60,60,60,60,60,,text in a number column
            SE,1880,2020,2019-05-01,60,60,60,60,60,60,60,60,500,total that disagrees with its areas
            SE,0380,2020,2019-05-01,,,,,,,,,480,duplicate of row 2
            SE,2480,1999,2019-05-01,,,,,,,,,480,unknown version
            DK,0101,2020,2019-05-01,,,,,,,,,480,unknown country
            """;
        var (dryStatus, dryBody) = await PostCsvAsync(csv, dryRun: true);
        var (status, body) = await PostCsvAsync(csv, dryRun: false);

        Assert.Equal(HttpStatusCode.OK, dryStatus);
        Assert.Equal((HttpStatusCode)422, status);
        var error = body["errors"]![0]!;
        Assert.Equal(ErrorCodes.Validation, error["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal("file", error["extensions"]!["field"]!.GetValue<string>());
        Assert.Contains("nothing is imported", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        foreach (var report in new[] { dryBody["report"]!, body["report"]! })
        {
            Assert.False(report["clean"]!.GetValue<bool>());
            var problems = report["problems"]!.AsArray().Select(p => (Row: p!["row"]!.GetValue<int>(), Column: p["column"]!.GetValue<string>())).ToList();
            Assert.Contains((3, "area_1"), problems);
            Assert.Contains(problems, p => p.Row == 4 && p.Column.Contains("total", StringComparison.Ordinal));
            Assert.Contains((5, "evaluated_on"), problems);
            Assert.Contains((6, "framework_version"), problems);
            Assert.Contains((7, "country"), problems);
            Assert.DoesNotContain(problems, p => p.Row == 2);
            Assert.All(report["problems"]!.AsArray(), p => Assert.False(string.IsNullOrWhiteSpace(p!["reason"]!.GetValue<string>())));
        }
        Assert.Equal(5, error["extensions"]!["details"]!.AsArray().Count);
        foreach (var id in new[] { "SE-0380", "SE-0580", "SE-1880", "SE-2480" })
            Assert.Null((await Host.OkAsync("query($id: ID!) { kommune(id: $id) { id } }", new { id }))["kommune"]);
        var platform = (await Host.OkAsync("""{ auditLog(kommuneId: "platform", first: 50) { nodes { operation outcome } } }"""))["auditLog"]!["nodes"]!.AsArray();
        Assert.Contains(platform, e => e!["operation"]!.GetValue<string>() == HistoricalImport.Operation && e["outcome"]!.GetValue<string>() == ErrorCodes.Validation);
    }

    [Fact]
    public async Task A_wrong_header_is_reported_on_line_1_and_no_row_is_read()
    {
        var (status, body) = await PostCsvAsync("""
            land,number,framework_version,evaluated_on,area_1,area_2,area_3,area_4,area_5,area_6,area_7,area_8,total,source
            SE,0680,2020,2019-05-01,,,,,,,,,480,x
            """, dryRun: false);

        Assert.Equal((HttpStatusCode)422, status);
        var problem = Assert.Single(body["report"]!["problems"]!.AsArray())!;
        Assert.Equal(1, problem["row"]!.GetValue<int>());
        Assert.Equal("country", problem["column"]!.GetValue<string>());
        Assert.Empty(body["report"]!["rows"]!.AsArray());
        Assert.Null((await Host.OkAsync("""{ kommune(id: "SE-0680") { id } }"""))["kommune"]);
    }

    [Fact]
    public async Task A_multipart_upload_is_read_like_a_csv_body()
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes($"\uFEFF{Header}\nSE,0880,2020,2019-05-01,,,,,,,,,480,upload\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "results.csv");
        var (status, body) = await SendAsync(form, "?dryRun=true", Token());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("SE-0880", Assert.Single(body["report"]!["rows"]!.AsArray())!["kommuneId"]!.GetValue<string>());

        using var large = new MultipartFormDataContent();
        large.Add(new ByteArrayContent(new byte[(8 << 20) + 1]), "file", "large.csv");
        var tooLarge = await SendAsync(large, "?dryRun=true", Token());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.Status);
        Assert.Equal("REQUEST_TOO_LARGE", CodeOf(tooLarge.Body));

        var broken = new StringContent("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.csv\"\r\n\r\nno end", Encoding.UTF8);
        broken.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");
        var unreadable = await SendAsync(broken, "?dryRun=true", Token());
        Assert.Equal(HttpStatusCode.BadRequest, unreadable.Status);
        Assert.Equal("BAD_REQUEST", CodeOf(unreadable.Body));
    }

    [Fact]
    public async Task Only_a_platform_admin_may_import_and_a_bad_request_is_refused_with_its_reason()
    {
        var csv = $"{Header}\nSE,0980,2020,2019-05-01,,,,,,,,,480,x\n";
        var analyst = await PostCsvAsync(csv, dryRun: true, Host.Token("analyst"));
        Assert.Equal(HttpStatusCode.Forbidden, analyst.Status);
        Assert.Equal(ErrorCodes.Forbidden, CodeOf(analyst.Body));
        var leader = await PostCsvAsync(csv, dryRun: false, Host.Token("kommune-leader", "SE-0980"));
        Assert.Equal(HttpStatusCode.Forbidden, leader.Status);
        var anonymous = await PostCsvAsync(csv, dryRun: true, token: "");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Status);
        Assert.Equal(ErrorCodes.Unauthenticated, CodeOf(anonymous.Body));

        var xml = await SendAsync(new StringContent("<csv/>", Encoding.UTF8, "application/xml"), "?dryRun=true", Token());
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, xml.Status);
        var maybe = await SendAsync(new StringContent(csv, Encoding.UTF8, "text/csv"), "?dryRun=maybe", Token());
        Assert.Equal(HttpStatusCode.BadRequest, maybe.Status);
        Assert.Equal(ErrorCodes.Validation, CodeOf(maybe.Body));
        var huge = await SendAsync(new StringContent(csv + new string('x', 8 << 20), Encoding.UTF8, "text/csv"), "?dryRun=true", Token());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.Status);
        Assert.Equal("REQUEST_TOO_LARGE", CodeOf(huge.Body));
        Assert.Contains("MaxImportBytes", huge.Body["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);

        Assert.Null((await Host.OkAsync("""{ kommune(id: "SE-0980") { id } }"""))["kommune"]);
    }

    private string Token() => Host.Token("platform-admin", user: Importer);

    private static string CodeOf(JsonObject body) => body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>();

    private Task<(HttpStatusCode Status, JsonObject Body)> PostCsvAsync(string csv, bool dryRun, string? token = null) =>
        Host.PostCsvAsync(csv, dryRun, token);

    private Task<(HttpStatusCode Status, JsonObject Body)> SendAsync(HttpContent content, string query, string token) =>
        Host.SendImportAsync(content, query, token);
}
