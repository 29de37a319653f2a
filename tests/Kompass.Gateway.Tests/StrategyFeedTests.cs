using System.Net;
using Ical.Net;
using Kompass.Contracts.Strategies;
using Microsoft.Extensions.DependencyInjection;
using static Kompass.Gateway.Tests.Gql;

namespace Kompass.Gateway.Tests;

/// <summary>The plain HTTP views of a strategy: the calendar feed (parsed back with Ical.Net) and a report's printable page. Kommune NO-1528 only here.</summary>
[Collection(SharedHostCollection.Name)]
public sealed class StrategyFeedTests(SharedHostFixture fixture)
{
    private KompassTestHost Host => fixture.Host;

    /// <summary>A leader of the kommune a command is about (its strategyId or kommuneId): strategies are the kommune's own.</summary>
    private string LeaderOf(object input) => Leader(((System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(input))!["strategyId"]
        ?? System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(input))!["kommuneId"])!.GetValue<string>()).Split('/')[0]);

    private string Leader(string kommuneId) => Host.Token("kommune-leader", kommuneId, "leder@kommune.no");

    private async Task<string> Mutate(string name, string inputType, object input, string fields = "id") =>
        (await Host.OkAsync($"mutation($input: {inputType}!) {{ {name}(input: $input) {{ {fields} }} }}", new { input }, token: LeaderOf(input)))[name]!.ToJsonString();

    [Fact]
    public async Task The_calendar_feed_has_deadlines_and_occurrences_under_stable_uids_and_a_report_prints_in_norwegian()
    {
        const string k = "NO-1528";
        await Host.RegisterAsync(k);
        var evaluationId = (await Host.OpenAsync(k, "2020", "2026-04-01"))["id"].Str();
        await Host.RateAllAsync(evaluationId, 2, 2, 2);
        await Host.PublishAsync(evaluationId);
        var id = (await Host.OkAsync("""
            mutation($input: CreateStrategyInput!) { createStrategy(input: $input) { id } }
            """, new { input = new { kommuneId = k, evaluationId, title = "Strategi for Sykkylven", periodStart = "2026-05-01", periodEnd = "2027-04-30" } },
            token: Leader(k)))["createStrategy"]!["id"].Str();
        await Mutate("chooseFocusArea", "ChooseFocusAreaInput", new { strategyId = id, areaCode = "8" });
        await Mutate("addGoal", "AddGoalInput", new { strategyId = id, areaCode = "8", title = "Lederskap" });
        await Mutate("addSubGoal", "AddSubGoalInput", new { strategyId = id, goalId = "g1", title = "Lederavtaler" });
        await Mutate("addAction", "AddActionInput", new
        {
            strategyId = id, subGoalId = "s2", title = "Følge opp lederavtalene", owner = "Kommunedirektør", startDate = "2026-05-01", dueDate = "2027-02-15",
        });
        await Mutate("addRecurringActivity", "AddRecurringActivityInput", new
        {
            strategyId = id, title = "Koordineringsmøte", owner = "Kommunedirektør", recurrence = "HALF_YEARLY", startsOn = "2026-06-01",
        });

        var feedUrl = (await Host.OkAsync("""{ kommune(id: "NO-1528") { calendarFeedUrl } }""", token: Leader(k)))["kommune"]!["calendarFeedUrl"].Str();
        Assert.StartsWith("/kommuner/NO-1528/calendar.ics?token=", feedUrl, StringComparison.Ordinal);
        var calendar = await FeedAsync(feedUrl);
        Assert.Equal(
            [($"{id}/a3@kompass.cloud", "2027-02-15"), ($"{id}/r4/2026-06-01@kompass.cloud", "2026-06-01"), ($"{id}/r4/2026-12-01@kompass.cloud", "2026-12-01")],
            calendar.Events.Select(e => (e.Uid!, $"{e.DtStart!.Year:D4}-{e.DtStart.Month:D2}-{e.DtStart.Day:D2}")).OrderBy(e => e.Item1, StringComparer.Ordinal));
        Assert.Contains(calendar.Events, e => e.Summary == "Frist: Følge opp lederavtalene" && !e.DtStart!.HasTime);

        // A moved deadline keeps its UID: a subscribed calendar updates the event instead of adding one.
        await Mutate("updateAction", "UpdateActionInput", new { strategyId = id, actionId = "a3", dueDate = "2027-03-31", dueDateReason = "Nye lederavtaler fra januar" });
        var moved = (await FeedAsync(feedUrl)).Events.Single(e => e.Uid == $"{id}/a3@kompass.cloud");
        Assert.Equal((2027, 3, 31), (moved.DtStart!.Year, moved.DtStart.Month, moved.DtStart.Day));
        Assert.Equal(HttpStatusCode.NotFound, (await Host.Http.GetAsync("/kommuner/NO-9990/calendar.ics")).StatusCode);

        // A leader rotates the feed token: the old URL stops working, the new one serves the same feed. Members may not rotate it.
        var member = Host.Token("kommune-member", k, "ansatt@kommune.no");
        Assert.Equal("FORBIDDEN", (await Host.PostAsTokenAsync("mutation { rotateCalendarFeedToken(input: { kommuneId: \"NO-1528\" }) { id } }", null, member)).Code);
        var rotated = (await Host.OkAsync("mutation { rotateCalendarFeedToken(input: { kommuneId: \"NO-1528\" }) { calendarFeedUrl } }", token: Leader(k)))
            ["rotateCalendarFeedToken"]!["calendarFeedUrl"].Str();
        Assert.NotEqual(feedUrl, rotated);
        Assert.Equal(HttpStatusCode.NotFound, (await Host.AnonymousHttp.GetAsync(feedUrl)).StatusCode);
        Assert.Equal($"{id}/a3@kompass.cloud", Assert.Single((await FeedAsync(rotated)).Events, e => e.Uid!.EndsWith("/a3@kompass.cloud", StringComparison.Ordinal)).Uid);
        Assert.Equal(rotated, (await Host.OkAsync("""{ kommune(id: "NO-1528") { calendarFeedUrl } }""", token: member))["kommune"]!["calendarFeedUrl"].Str());

        // A report as the follow-up stores it (the follow-up issuing reports is covered by the grain tests, on a moved clock).
        var key = $"{id}/tertial-report/2026-T3";
        Kompass.Contracts.CallerContext.Principal = Kompass.Domain.Tenancy.Principal.System; // as the follow-up does
        await Host.Services.GetRequiredService<IGrainFactory>().GetGrain<IStrategyReportsGrain>(id).Add([new ReportView(
            key, id, k, ReportKind.Tertial, "T3 2026", new DateOnly(2027, 1, 1), new DateOnly(2026, 9, 1), new DateOnly(2026, 12, 31),
            StrategyStatus.Adopted, 40m, [new FocusAreaSnapshotView("8", 40m, new ActionCountsView(0, 1, 0, 0, 1))],
            new ActionCountsView(0, 1, 0, 0, 1), 0,
            [new OverdueActionView("a3", "8", "Følge opp lederavtalene <b>", "Kommunedirektør", new DateOnly(2026, 12, 15), 16, ActionStatus.InProgress, 40)],
            [], new OccurrenceCountsView(1, 1, 0, 0))]);
        var reports = (await Host.OkAsync($$"""{ strategy(id: "{{id}}") { tertialReports { key htmlUrl progress overdue { actionId daysOverdue } } } }""", token: Leader(k)))
            ["strategy"]!["tertialReports"]!.AsArray();
        var htmlUrl = Assert.Single(reports)!["htmlUrl"].Str();
        Assert.Equal($"/reports/{key}.html", htmlUrl);

        using var page = await Get(htmlUrl, Leader(k));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"nb\">", html);
        Assert.Contains("Tertialrapport T3 2026", html);
        Assert.Contains("Sykkylven · Utviklingsstrategi: Strategi for Sykkylven", html);
        Assert.Contains("Forsinkede tiltak", html);
        Assert.Contains("Følge opp lederavtalene &lt;b&gt;", html); // text is encoded, never markup
        Assert.Contains("Lederskap og medarbeiderskap", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.NotFound, (await Get($"/reports/{id}/tertial-report/2025-T1.html", Leader(k))).StatusCode);
        // The page is the kommune's own: another kommune's leader and anonymous callers are refused.
        Assert.Equal(HttpStatusCode.Forbidden, (await Get(htmlUrl, Leader("NO-1505"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Host.AnonymousHttp.GetAsync(htmlUrl)).StatusCode);
    }

    private async Task<HttpResponseMessage> Get(string url, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return await Host.AnonymousHttp.SendAsync(request);
    }

    private async Task<Calendar> FeedAsync(string url)
    {
        // A calendar client sends no bearer token: the feed's secret token in the URL is its key.
        using var response = await Host.AnonymousHttp.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        return Calendar.Load(await response.Content.ReadAsStringAsync())!;
    }

    [Theory]
    [InlineData("Strategi for Sykkylven", "Utviklingsstrategi", "Utviklingsstrategi: Strategi for Sykkylven")]
    [InlineData("Utviklingsstrategi 2023-2026 for Meråker kommune", "Utviklingsstrategi", "Utviklingsstrategi 2023-2026 for Meråker kommune")]
    [InlineData("Kommunens utvecklingsstrategi", "Utvecklingsstrategi", "Kommunens utvecklingsstrategi")]
    public void The_report_names_the_strategy_without_repeating_the_word(string title, string word, string expected) =>
        Assert.Equal(expected, Kompass.Gateway.Types.Strategies.ReportPage.StrategyLine(title, word));
}
