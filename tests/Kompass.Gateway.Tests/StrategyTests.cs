using System.Diagnostics;
using System.Text.Json.Nodes;
using static Kompass.Gateway.Tests.Gql;

namespace Kompass.Gateway.Tests;

/// <summary>
/// A development strategy over GraphQL on the real host and clock: plan, adopt, follow up, inbox, and every
/// rejection with its code and field. Kommuner NO-1520 and NO-1525 are used only here.
/// </summary>
[Collection(SharedHostCollection.Name)]
public sealed class StrategyTests(SharedHostFixture fixture)
{
    private const string StrategyFields = """
        id title status version progress today periodStart periodEnd basisEvaluationId
        adoption { body date caseNumber decision }
        focusAreas { areaCode basisScore startingPoints progress
          goals { id title progress subGoals { id title progress
            indicators { id kind name unit baseline target targetDate value valueDate met measurements { date value by } }
            actions { id title owner ownerSubject dueDate status overdue percentComplete logCount log { seq by what } } } } }
        activities { id title recurrence cron occurrences { id date held } }
        overdueActions { id }
        """;

    private KompassTestHost Host => fixture.Host;

    /// <summary>A leader of the kommune a command is about (its strategyId or kommuneId): strategies are the kommune's own.</summary>
    private string LeaderOf(object input) => Leader(((System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(input))!["strategyId"]
        ?? System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(input))!["kommuneId"])!.GetValue<string>()).Split('/')[0]);

    private string Leader(string kommuneId) => Host.Token("kommune-leader", kommuneId, "leder@kommune.no");

    private async Task<JsonNode> Mutate(string name, string inputType, object input, string fields = StrategyFields) =>
        (await Host.OkAsync($"mutation($input: {inputType}!) {{ {name}(input: $input) {{ {fields} }} }}", new { input }, token: LeaderOf(input)))[name]!;

    private Task<GraphQLResponse> Rejected(string name, string inputType, object input, string code, string? field) =>
        Host.RejectedAsync($"mutation($input: {inputType}!) {{ {name}(input: $input) {{ id }} }}", new { input }, code, field, token: LeaderOf(input));

    private async Task<string> PublishedEvaluation(string kommuneId, string evaluatedOn)
    {
        await Host.RegisterAsync(kommuneId);
        var id = (await Host.OpenAsync(kommuneId, "2020", evaluatedOn))["id"].Str();
        await Host.OkAsync($$"""
            mutation { recordFindings(input: {evaluationId: "{{id}}", areaCode: "3", improvementAreas: ["Delegasjonsreglementet", "Rolleavklaring"]}) { id } }
            """);
        await Host.RateAllAsync(id, 2, 2, 2);
        await Host.PublishAsync(id);
        return id;
    }

    [Fact]
    public async Task Plan_adopt_and_follow_up_a_strategy()
    {
        var evaluationId = await PublishedEvaluation("NO-1520", "2026-06-01");
        var created = await Mutate("createStrategy", "CreateStrategyInput", new
        {
            kommuneId = "NO-1520", evaluationId, title = "Utviklingsstrategi 2026-2029", periodStart = "2026-09-01", periodEnd = "2029-08-31",
        });
        var id = created["id"].Str();
        Assert.Equal("NO-1520/strategy/2026-1", id);
        Assert.Equal("DRAFT", created["status"].Str());

        var chosen = await Mutate("chooseFocusArea", "ChooseFocusAreaInput", new { strategyId = id, areaCode = "3" });
        Assert.Equal(["Delegasjonsreglementet", "Rolleavklaring"], chosen["focusAreas"]![0]!["startingPoints"].Strings());
        var goalId = (await Mutate("addGoal", "AddGoalInput", new { strategyId = id, areaCode = "3", title = "Bedre samspill" }))
            ["focusAreas"]![0]!["goals"]![0]!["id"].Str();
        var subGoalId = (await Mutate("addSubGoal", "AddSubGoalInput", new { strategyId = id, goalId, title = "Revidert delegasjonsreglement" }))
            ["focusAreas"]![0]!["goals"]![0]!["subGoals"]![0]!["id"].Str();
        var measured = await Mutate("addIndicator", "AddIndicatorInput", new
        {
            strategyId = id, subGoalId, kind = "MEASURE", name = "Sykefravær", unit = "%", baseline = 7.5, target = 6.0, targetDate = "2028-12-31",
        });
        var indicatorId = measured["focusAreas"]![0]!["goals"]![0]!["subGoals"]![0]!["indicators"]![0]!["id"].Str();
        var withValue = await Mutate("recordMeasurement", "RecordMeasurementInput", new { strategyId = id, indicatorId, date = "2026-10-01", value = 5.9 });
        var indicator = withValue["focusAreas"]![0]!["goals"]![0]!["subGoals"]![0]!["indicators"]![0]!;
        Assert.Equal((5.9m, true), (indicator["value"].Dec(), indicator["met"]!.GetValue<bool>()));

        // One action already past its due date, one owned by a member with an account.
        await Mutate("addAction", "AddActionInput", new
        {
            strategyId = id, subGoalId, title = "Kartlegge dagens delegasjoner", owner = "Stab", startDate = "2026-09-01", dueDate = "2026-11-15",
        });
        var planned = await Mutate("addAction", "AddActionInput", new
        {
            strategyId = id, subGoalId, title = "Revidere reglementet", owner = "Kommunedirektør", ownerSubject = "user-17",
            startDate = "2026-09-01", dueDate = "2027-06-30",
        });
        var actions = planned["focusAreas"]![0]!["goals"]![0]!["subGoals"]![0]!["actions"]!.AsArray();
        Assert.Equal(("OVERDUE", true), (actions[0]!["status"].Str(), actions[0]!["overdue"]!.GetValue<bool>()));
        Assert.Equal(("NOT_STARTED", "user-17"), (actions[1]!["status"].Str(), actions[1]!["ownerSubject"].Str()));
        Assert.Equal([actions[0]!["id"].Str()], planned["overdueActions"]!.AsArray().Select(a => a!["id"].Str()));
        var actionId = actions[1]!["id"].Str();

        var moved = await Mutate("updateAction", "UpdateActionInput", new
        {
            strategyId = id, actionId, dueDate = "2027-08-31", dueDateReason = "Venter på ny politisk struktur", status = "IN_PROGRESS", percentComplete = 40,
        });
        var updated = moved["focusAreas"]![0]!["goals"]![0]!["subGoals"]![0]!["actions"]![1]!;
        Assert.Equal(("2027-08-31", 40, 2), (updated["dueDate"].Str(), updated["percentComplete"].Int(), updated["logCount"].Int()));
        Assert.Contains("Venter på ny politisk struktur", updated["log"]![1]!["what"].Str());
        Assert.Equal("leder@kommune.no", updated["log"]![1]!["by"].Str());
        // Progress: the sub-goal is the mean of its actions (0 and 40), the area and the strategy follow.
        Assert.Equal(20m, moved["progress"].Dec());

        // The state keeps an action's newest 5 log lines; the older ones are read from history pages.
        for (var i = 1; i <= 5; i++)
            await Mutate("updateAction", "UpdateActionInput", new { strategyId = id, actionId, note = $"Statusmøte {i}" });
        var logs = await AwaitAsync(async () => (await Host.OkAsync($$"""
            { strategy(id: "{{id}}") { focusAreas { goals { subGoals { actions { id logCount log { seq } olderLog { seq what } } } } } } }
            """, token: Leader("NO-1520")))["strategy"]!["focusAreas"]![0]!["goals"]![0]!["subGoals"]![0]!["actions"]![1]!, a => a["olderLog"]!.AsArray().Count == 2);
        Assert.Equal(7, logs["logCount"].Int());
        Assert.Equal([3, 4, 5, 6, 7], logs["log"]!.AsArray().Select(l => l!["seq"].Int()));
        Assert.Equal([1, 2], logs["olderLog"]!.AsArray().Select(l => l!["seq"].Int()));
        Assert.Contains("Venter på ny politisk struktur", logs["olderLog"]![1]!["what"].Str());

        var cycle = await Mutate("addRecurringActivity", "AddRecurringActivityInput", new
        {
            strategyId = id, title = "Enhetsledermøte", owner = "Kommunedirektør", recurrence = "QUARTERLY", startsOn = "2026-09-14",
        });
        var occurrence = cycle["activities"]![0]!["occurrences"]![0]!;
        Assert.Equal(("r6/2026-09-14", "2026-09-14"), (occurrence["id"].Str(), occurrence["date"].Str()));
        var held = await Mutate("recordOccurrence", "RecordOccurrenceInput", new { strategyId = id, occurrenceId = "r6/2026-09-14", held = true });
        Assert.True(held["activities"]![0]!["occurrences"]![0]!["held"]!.GetValue<bool>());

        var adopted = await Mutate("adoptStrategy", "AdoptStrategyInput", new
        {
            strategyId = id, body = "Kommunestyret", date = "2026-09-10", caseNumber = "K-sak 33/26", decision = "Vedtatt.",
        });
        Assert.Equal(("ADOPTED", "K-sak 33/26"), (adopted["status"].Str(), adopted["adoption"]!["caseNumber"].Str()));

        // The kommune lists it; its follow-up and the agenda see the late action.
        var kommune = (await Host.OkAsync("""
            { kommune(id: "NO-1520") { strategies { id status } } followUp(kommuneId: "NO-1520", from: "2026-12-01", to: "2027-03-31") {
                due { actionId } overdue { actionId strategyId status } occurrences { occurrenceId date } } }
            """, token: Leader("NO-1520")));
        Assert.Equal("ADOPTED", kommune["kommune"]!["strategies"]![0]!["status"].Str());
        var overdue = Assert.Single(kommune["followUp"]!["overdue"]!.AsArray());
        Assert.Equal((id, "OVERDUE"), (overdue!["strategyId"].Str(), overdue["status"].Str()));
        Assert.Equal(["r6/2026-12-14", "r6/2027-03-14"], kommune["followUp"]!["occurrences"]!.AsArray().Select(o => o!["occurrenceId"].Str()));

        // The follow-up's first tick runs on adoption: the late action lands in the kommune's inbox, newest first.
        var notifications = await InboxAsync("NO-1520", n => n.Any(x => x!["kind"].Str() == "ACTION_OVERDUE"));
        var late = notifications.Single(n => n!["kind"].Str() == "ACTION_OVERDUE")!;
        Assert.Equal(actions[0]!["id"].Str(), late["subjectId"].Str());
        var key = late["key"].Str();
        var acknowledged = (await Host.OkAsync("""
            mutation($input: AcknowledgeNotificationInput!) { acknowledgeNotification(input: $input) { key acknowledged acknowledgedBy } }
            """, new { input = new { kommuneId = "NO-1520", key } }, token: Leader("NO-1520")))["acknowledgeNotification"]!;
        Assert.Equal((true, "leder@kommune.no"), (acknowledged["acknowledged"]!.GetValue<bool>(), acknowledged["acknowledgedBy"].Str()));
        var unacknowledged = (await Host.OkAsync("""{ notifications(kommuneId: "NO-1520", unacknowledgedOnly: true) { nodes { key } } }""", token: Leader("NO-1520")))
            ["notifications"]!["nodes"]!.AsArray();
        Assert.DoesNotContain(unacknowledged, n => n!["key"].Str() == key);

        var followUp = (await Host.OkAsync($$"""{ strategy(id: "{{id}}") { followUp { started leadTimeDays } tertialReports { key } councilStatuses { key } } }""", token: Leader("NO-1520")))["strategy"]!;
        Assert.Equal((true, 14), (followUp["followUp"]!["started"]!.GetValue<bool>(), followUp["followUp"]!["leadTimeDays"].Int()));

        var completed = await Mutate("completeStrategy", "CompleteStrategyInput", new { strategyId = id, note = "Gjennomført." });
        Assert.Equal("COMPLETED", completed["status"].Str());
        await Rejected("addGoal", "AddGoalInput", new { strategyId = id, areaCode = "3", title = "For sent" }, "CONFLICT", "strategyId");
    }

    [Fact]
    public async Task Bad_input_is_rejected_with_its_code_and_field_and_nothing_half_applied()
    {
        var evaluationId = await PublishedEvaluation("NO-1525", "2026-05-01");
        var draft = (await Host.OpenAsync("NO-1525", "2020", "2026-07-01"))["id"].Str();
        await Rejected("createStrategy", "CreateStrategyInput", new
        {
            kommuneId = "NO-1525", evaluationId = draft, title = "På et utkast", periodStart = "2026-09-01", periodEnd = "2029-08-31",
        }, "CONFLICT", "evaluationId");
        await Rejected("createStrategy", "CreateStrategyInput", new
        {
            kommuneId = "NO-1520", evaluationId, title = "En annen kommunes", periodStart = "2026-09-01", periodEnd = "2029-08-31",
        }, "VALIDATION_ERROR", "evaluationId");
        await Rejected("createStrategy", "CreateStrategyInput", new
        {
            kommuneId = "NO-1525", evaluationId, title = "Seks år", periodStart = "2026-09-01", periodEnd = "2032-08-31",
        }, "VALIDATION_ERROR", "periodEnd");

        var id = (await Mutate("createStrategy", "CreateStrategyInput", new
        {
            kommuneId = "NO-1525", evaluationId, title = "Strategi", periodStart = "2026-09-01", periodEnd = "2028-08-31",
        }))["id"].Str();
        Assert.Equal("NO-1525/strategy/2026-1", id); // the rejected ones reserved no id

        await Rejected("chooseFocusArea", "ChooseFocusAreaInput", new { strategyId = id, areaCode = "99" }, "VALIDATION_ERROR", "areaCode");
        await Mutate("chooseFocusArea", "ChooseFocusAreaInput", new { strategyId = id, areaCode = "6" });
        await Rejected("chooseFocusArea", "ChooseFocusAreaInput", new { strategyId = id, areaCode = "6" }, "VALIDATION_ERROR", "areaCode");
        var goalId = (await Mutate("addGoal", "AddGoalInput", new { strategyId = id, areaCode = "6", title = "Kvalitet" }))["focusAreas"]![0]!["goals"]![0]!["id"].Str();
        var subGoalId = (await Mutate("addSubGoal", "AddSubGoalInput", new { strategyId = id, goalId, title = "Compilo" }))
            ["focusAreas"]![0]!["goals"]![0]!["subGoals"]![0]!["id"].Str();
        await Rejected("addAction", "AddActionInput", new
        {
            strategyId = id, subGoalId, title = "Etter perioden", owner = "Kvalitetsteamet", startDate = "2026-09-01", dueDate = "2028-09-01",
        }, "VALIDATION_ERROR", "dueDate");
        var actionId = (await Mutate("addAction", "AddActionInput", new
        {
            strategyId = id, subGoalId, title = "Maler", owner = "Kvalitetsteamet", startDate = "2026-09-01", dueDate = "2027-08-31",
        }))["focusAreas"]![0]!["goals"]![0]!["subGoals"]![0]!["actions"]![0]!["id"].Str();
        var before = await StrategySnapshotAsync(id);

        await Rejected("updateAction", "UpdateActionInput", new { strategyId = id, actionId, percentComplete = 150 }, "VALIDATION_ERROR", "percentComplete");
        await Rejected("updateAction", "UpdateActionInput", new { strategyId = id, actionId, dueDate = "2027-12-31" }, "VALIDATION_ERROR", "dueDateReason");
        await Rejected("updateAction", "UpdateActionInput", new { strategyId = id, actionId = "a99", note = "?" }, "NOT_FOUND", "actionId");
        await Rejected("updateAction", "UpdateActionInput", new { strategyId = id, actionId, note = "x", expectedVersion = 1 }, "CONFLICT", "expectedVersion");
        await Rejected("addRecurringActivity", "AddRecurringActivityInput", new
        {
            strategyId = id, title = "Møte", owner = "Rådmann", recurrence = "CRON", cron = "not a cron",
        }, "VALIDATION_ERROR", "recurrence");
        await Rejected("recordOccurrence", "RecordOccurrenceInput", new { strategyId = id, occurrenceId = "r9/2026-09-01", held = true }, "NOT_FOUND", "occurrenceId");
        await Host.RejectedAsync("mutation($input: AcknowledgeNotificationInput!) { acknowledgeNotification(input: $input) { key } }",
            new { input = new { kommuneId = "NO-1525", key = "no-such-notification" } }, "NOT_FOUND", "key", token: Leader("NO-1525"));
        Assert.Equal(before, await StrategySnapshotAsync(id));

        // A second ADOPTED strategy of the kommune is refused, naming the adopted one.
        await Mutate("adoptStrategy", "AdoptStrategyInput", new { strategyId = id, body = "Kommunestyret", date = "2026-09-10", caseNumber = "K-sak 1/26", decision = "Vedtatt." });
        var second = (await Mutate("createStrategy", "CreateStrategyInput", new
        {
            kommuneId = "NO-1525", evaluationId, title = "Strategi to", periodStart = "2026-10-01", periodEnd = "2028-09-30",
        }))["id"].Str();
        await Mutate("chooseFocusArea", "ChooseFocusAreaInput", new { strategyId = second, areaCode = "8" });
        var refused = await Rejected("adoptStrategy", "AdoptStrategyInput", new
        {
            strategyId = second, body = "Kommunestyret", date = "2026-10-10", caseNumber = "K-sak 2/26", decision = "Vedtatt.",
        }, "CONFLICT", "strategyId");
        Assert.Equal([id], refused.Errors![0]!["extensions"]!["details"].Strings());
    }

    private async Task<string> StrategySnapshotAsync(string id) =>
        (await Host.OkAsync($"query($id: ID!) {{ strategy(id: $id) {{ {StrategyFields} }} }}", new { id }, token: Leader(id.Split('/')[0])))["strategy"]!.ToJsonString();

    private static async Task<JsonNode> AwaitAsync(Func<Task<JsonNode>> read, Func<JsonNode, bool> ready)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var node = await read();
            if (ready(node) || clock.Elapsed > TimeSpan.FromSeconds(10))
                return node;
            await Task.Delay(100);
        }
    }

    /// <summary>The inbox's nodes once <paramref name="ready"/> holds (the follow-up's first tick runs just after adoption).</summary>
    private async Task<JsonArray> InboxAsync(string kommuneId, Func<JsonArray, bool> ready)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var nodes = (await Host.OkAsync("query($k: ID!) { kommune(id: $k) { inbox(first: 50) { totalCount nodes { key kind subjectId on acknowledged } } } }",
                new { k = kommuneId }, token: Leader(kommuneId)))["kommune"]!["inbox"]!["nodes"]!.AsArray();
            if (ready(nodes))
                return nodes;
            if (clock.Elapsed > TimeSpan.FromSeconds(15))
                throw new TimeoutException($"The inbox of {kommuneId} did not fill: {nodes.ToJsonString()}");
            await Task.Delay(100);
        }
    }
}
