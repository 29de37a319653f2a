using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace Kompass.Gateway.Tests.Tenancy;

/// <summary>
/// Role x own/other kommune x every query and mutation, over HTTP with real tokens: each cell is either
/// let through the access rules (the answer may still be a domain error such as CONFLICT) or refused with
/// FORBIDDEN and no data. Kommune A (NO-1505) is "own"; NO-1506 is the other kommune.
/// </summary>
[Collection(SharedHostCollection.Name)]
public sealed class TenancyMatrixTests(SharedHostFixture fixture)
{
    public const string Own = "NO-1505";
    public const string Other = "NO-1506";

    private KompassTestHost Host => fixture.Host;

    /// <summary>The callers of the matrix: a role, and whose kommune it belongs to.</summary>
    public static readonly string[] Callers =
    [
        "platform-admin", "evaluator (assigned)", "evaluator (not assigned)", "kommune-leader (own)", "kommune-member (own)",
        "kommune-leader (other)", "kommune-member (other)", "analyst",
    ];

    private const string Admin = "platform-admin";
    private const string Assigned = "evaluator (assigned)";
    private const string Unassigned = "evaluator (not assigned)";
    private const string LeaderOwn = "kommune-leader (own)";
    private const string MemberOwn = "kommune-member (own)";

    /// <summary>Operation → (document, variables from the test data, who gets through).</summary>
    private static readonly Dictionary<string, (string Query, Func<TenancyData, object> Variables, string[] Allowed)> Operations = new()
    {
        ["query frameworks"] = ("{ frameworks { version } }", _ => new { }, Callers),
        ["query framework"] = ("""{ framework(version: "2020") { version } }""", _ => new { }, Callers),
        ["query kommuner"] = ("{ kommuner(country: NO) { totalCount } }", _ => new { }, Callers),
        ["query kommune"] = ("query($id: ID!) { kommune(id: $id) { id name } }", _ => new { id = Own }, Callers),
        ["query benchmark"] = ("{ benchmark(country: NO, frameworkVersion: \"2020\") { evaluations } }", _ => new { }, Callers),
        ["query evaluation (published)"] = ("query($id: ID!) { evaluation(id: $id) { id total } }", d => new { id = d.OwnPublished }, Callers),
        ["query evaluation (draft)"] = ("query($id: ID!) { evaluation(id: $id) { id ratings { code } } }", d => new { id = d.OwnDraft },
            [Admin, Assigned, LeaderOwn, MemberOwn]),
        ["query evaluation comparison (draft)"] = ("query($id: ID!) { evaluation(id: $id) { comparison { total } } }", d => new { id = d.OwnDraft },
            [Admin, Assigned, LeaderOwn, MemberOwn]),
        ["query benchmark (statistics, both countries)"] = ("{ benchmark(frameworkVersion: \"2020\") { kommuner total { mean } histogram { count } } }", _ => new { }, Callers),
        ["query ranking"] = ("{ ranking(frameworkVersion: \"2020\", country: NO) { totalCount nodes { rank kommuneId } } }", _ => new { }, Callers),
        ["query improvers"] = ("{ improvers(frameworkVersion: \"2020\", first: 5) { kommuneId gain } }", _ => new { }, Callers),
        ["query peers"] = ("query($k: ID!) { peers(kommuneId: $k) { band { code } peers { kommuneId } } }", _ => new { k = Own }, Callers),
        ["query meansBeside"] = ("{ meansBeside(frameworkVersion: \"2020\", country: NO) { heldTotal { label value } } }", _ => new { }, Callers),
        ["query kommune trend"] = ("query($k: ID!) { kommune(id: $k) { trend { caveat points { total } } } }", _ => new { k = Own }, Callers),
        ["query evaluation rank (published)"] = ("query($id: ID!) { evaluation(id: $id) { rank percentile } }", d => new { id = d.OwnPublished }, Callers),
        ["query evaluation rank (draft)"] = ("query($id: ID!) { evaluation(id: $id) { rank percentile } }", d => new { id = d.OwnDraft },
            [Admin, Assigned, LeaderOwn, MemberOwn]),
        ["query auditLog"] = ("query($k: ID!) { auditLog(kommuneId: $k) { nodes { operation } } }", _ => new { k = Own }, [Admin, LeaderOwn]),
        ["query auditLog (platform)"] = ("{ auditLog(kommuneId: \"platform\") { nodes { operation } } }", _ => new { }, [Admin]),
        // Let through, an admin's offboarding fails on its confirmation (VALIDATION_ERROR): nothing is removed.
        ["mutation offboardKommune"] = ("mutation($k: ID!) { offboardKommune(input: { kommuneId: $k, confirm: \"no\" }) { kommuneId } }",
            _ => new { k = Own }, [Admin]),
        ["query strategy"] = ("query($id: ID!) { strategy(id: $id) { id title } }", d => new { id = d.OwnStrategy }, [LeaderOwn, MemberOwn]),
        ["query followUp"] = ("query($k: ID!) { followUp(kommuneId: $k, from: \"2022-01-01\", to: \"2022-06-30\") { due { title } } }", _ => new { k = Own }, [LeaderOwn, MemberOwn]),
        ["query notifications"] = ("query($k: ID!) { notifications(kommuneId: $k) { totalCount } }", _ => new { k = Own }, [LeaderOwn, MemberOwn]),
        ["query kommune inbox"] = ("query($k: ID!) { kommune(id: $k) { inbox { totalCount } } }", _ => new { k = Own }, [LeaderOwn, MemberOwn]),
        ["query kommune calendarFeedUrl"] = ("query($k: ID!) { kommune(id: $k) { calendarFeedUrl } }", _ => new { k = Own }, [LeaderOwn, MemberOwn]),
        ["mutation createStrategy"] = ("""
            mutation($k: ID!, $e: ID!) { createStrategy(input: { kommuneId: $k, evaluationId: $e, title: "x", periodStart: "2021-06-01", periodEnd: "2031-05-31" }) { id } }
            """, d => new { k = Own, e = d.OwnPublished }, [LeaderOwn]),
        ["mutation addGoal"] = ("mutation($id: ID!) { addGoal(input: { strategyId: $id, areaCode: \"99\", title: \"x\" }) { id } }", d => new { id = d.OwnStrategy }, [LeaderOwn]),
        // The rest of the strategy mutations: let through, each fails in validation or the domain (nothing changes).
        ["mutation adoptStrategy"] = ("mutation($id: ID!) { adoptStrategy(input: { strategyId: $id, body: \"\", date: \"2021-07-01\", caseNumber: \"K-sak 1/21\", decision: \"x\" }) { id } }", d => new { id = d.OwnStrategy }, [LeaderOwn]),
        ["mutation completeStrategy"] = ("mutation($id: ID!) { completeStrategy(input: { strategyId: $id }) { id } }", d => new { id = d.OwnStrategy }, [LeaderOwn]),
        ["mutation abandonStrategy"] = ("mutation($id: ID!) { abandonStrategy(input: { strategyId: $id, reason: \"\" }) { id } }", d => new { id = d.OwnStrategy }, [LeaderOwn]),
        ["mutation chooseFocusArea"] = ("mutation($id: ID!) { chooseFocusArea(input: { strategyId: $id, areaCode: \"99\" }) { id } }", d => new { id = d.OwnStrategy }, [LeaderOwn]),
        ["mutation removeFocusArea"] = ("mutation($id: ID!) { removeFocusArea(input: { strategyId: $id, areaCode: \"99\" }) { id } }", d => new { id = d.OwnStrategy }, [LeaderOwn]),
        ["mutation addSubGoal"] = ("mutation($id: ID!) { addSubGoal(input: { strategyId: $id, goalId: \"g99\", title: \"x\" }) { id } }", d => new { id = d.OwnStrategy }, [LeaderOwn]),
        ["mutation addIndicator"] = ("mutation($id: ID!) { addIndicator(input: { strategyId: $id, subGoalId: \"s99\", kind: AREA_SCORE }) { id } }", d => new { id = d.OwnStrategy }, [LeaderOwn]),
        ["mutation recordMeasurement"] = ("mutation($id: ID!) { recordMeasurement(input: { strategyId: $id, indicatorId: \"i99\", date: \"2021-07-01\", value: 1 }) { id } }", d => new { id = d.OwnStrategy }, [LeaderOwn]),
        ["mutation addAction"] = ("mutation($id: ID!) { addAction(input: { strategyId: $id, subGoalId: \"s99\", title: \"x\", owner: \"x\", startDate: \"2021-07-01\", dueDate: \"2021-08-01\" }) { id } }", d => new { id = d.OwnStrategy }, [LeaderOwn]),
        ["mutation addRecurringActivity"] = ("mutation($id: ID!) { addRecurringActivity(input: { strategyId: $id, title: \"\", owner: \"x\", recurrence: MONTHLY, startsOn: \"2021-07-01\" }) { id } }", d => new { id = d.OwnStrategy }, [LeaderOwn]),
        ["mutation recordOccurrence"] = ("mutation($id: ID!) { recordOccurrence(input: { strategyId: $id, occurrenceId: \"r99/2021-07-01\", held: true }) { id } }", d => new { id = d.OwnStrategy }, [LeaderOwn]),
        ["mutation shareStrategy"] = ("mutation($id: ID!) { shareStrategy(input: { strategyId: $id, shared: false }) { id } }", d => new { id = d.OwnStrategy }, [LeaderOwn]),
        ["mutation updateAction (the member's own)"] = ("mutation($id: ID!) { updateAction(input: { strategyId: $id, actionId: \"a3\", note: \"Status\" }) { id } }",
            d => new { id = d.OwnStrategy }, [LeaderOwn, MemberOwn]),
        ["mutation updateAction (another's)"] = ("mutation($id: ID!) { updateAction(input: { strategyId: $id, actionId: \"a4\", note: \"Status\" }) { id } }",
            d => new { id = d.OwnStrategy }, [LeaderOwn]),
        ["mutation changeFollowUpSettings"] = ("mutation($id: ID!) { changeFollowUpSettings(input: { strategyId: $id, leadTimeDays: 21 }) { leadTimeDays } }",
            d => new { id = d.OwnStrategy }, [LeaderOwn]),
        ["mutation rotateCalendarFeedToken"] = ("mutation($k: ID!) { rotateCalendarFeedToken(input: { kommuneId: $k }) { id } }", _ => new { k = Own }, [LeaderOwn]),
        ["mutation acknowledgeNotification"] = ("mutation($k: ID!) { acknowledgeNotification(input: { kommuneId: $k, key: \"no-such\" }) { key } }",
            _ => new { k = Own }, [LeaderOwn, MemberOwn]),
        ["mutation registerKommune"] = ("mutation($k: ID!) { registerKommune(input: { kommuneId: $k }) { id } }", _ => new { k = Own }, [Admin]),
        ["mutation importHistoricalResult"] = ("""
            mutation($k: ID!) { importHistoricalResult(input: { kommuneId: $k, frameworkVersion: "2020", evaluatedOn: "2019-05-01",
              areaScores: [], total: 900, source: "made up" }) { id } }
            """, _ => new { k = Own }, [Admin]),
        // Let through, an admin's import fails in the domain (a total mean over 800): nothing is recorded.
        ["mutation importPublishedMean"] = ("""
            mutation { importPublishedMean(input: { year: 2023, frameworkVersion: "2020", country: NO, totalMean: 900, source: "made up" }) { year } }
            """, _ => new { }, [Admin]),
        ["mutation openEvaluation"] = ("""
            mutation($k: ID!) { openEvaluation(input: { kommuneId: $k, frameworkVersion: "1999", evaluatedOn: "2026-11-01", evaluators: ["x"] }) { id } }
            """, _ => new { k = Own }, [Admin, Assigned, Unassigned]),
        ["mutation rateScoringPoints"] = ("""
            mutation($id: ID!) { rateScoringPoints(input: { evaluationId: $id, ratings: [{ code: "1.1", system: 2, scope: 2, result: 2 }] }) { id } }
            """, d => new { id = d.OwnDraft }, [Admin, Assigned]),
        ["mutation recordInterview"] = ("""
            mutation($id: ID!) { recordInterview(input: { evaluationId: $id, role: "Rådmann", date: "2026-11-02", people: 1 }) { id } }
            """, d => new { id = d.OwnDraft }, [Admin, Assigned]),
        ["mutation recordFindings"] = ("""
            mutation($id: ID!) { recordFindings(input: { evaluationId: $id, areaCode: "1", strengths: ["Åpenhet"] }) { id } }
            """, d => new { id = d.OwnDraft }, [Admin, Assigned]),
        ["mutation publishEvaluation"] = ("mutation($id: ID!) { publishEvaluation(input: { evaluationId: $id }) { id } }",
            d => new { id = d.OwnDraft }, [Admin, Assigned]),
        ["mutation amendEvaluation"] = ("""
            mutation($id: ID!) { amendEvaluation(input: { evaluationId: $id, reason: "x", ratings: [{ code: "1.1", system: 3, scope: 3, result: 3 }] }) { id } }
            """, d => new { id = d.OwnDraft }, [Admin, Assigned]),
        ["mutation assignEvaluator"] = ("mutation($id: ID!) { assignEvaluator(input: { evaluationId: $id, subject: \"eva@ks.no\" }) { id } }",
            d => new { id = d.OwnDraft }, [Admin]),
    };

    public static TheoryData<string, string> Cells()
    {
        var cells = new TheoryData<string, string>();
        foreach (var operation in Operations.Keys)
            foreach (var caller in Callers)
                cells.Add(operation, caller);
        return cells;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Each_role_gets_through_exactly_where_the_rules_say(string operation, string caller)
    {
        var data = await TenancyData.OfAsync(Host);
        var (query, variables, allowed) = Operations[operation];
        var response = await Host.PostAsTokenAsync(query, variables(data), data.TokenOf(caller));

        var codes = response.Errors?.Select(e => e!["extensions"]?["code"]?.GetValue<string>()).ToList() ?? [];
        Assert.True(response.Status == HttpStatusCode.OK, $"{operation} as {caller}: {response.Status} {response.Body.ToJsonString()}");
        if (allowed.Contains(caller))
        {
            Assert.DoesNotContain("FORBIDDEN", codes);
            Assert.DoesNotContain("UNAUTHENTICATED", codes);
        }
        else
        {
            Assert.Equal(["FORBIDDEN"], codes.Distinct());
            // Nothing of the refused field is answered.
            var root = response.Data?.AsObject().FirstOrDefault().Value;
            Assert.True(root is null, $"{operation} as {caller} answered {response.Body.ToJsonString()}");
        }
    }

    [Theory]
    [MemberData(nameof(EveryCaller))]
    public async Task The_export_of_a_kommunes_data_is_its_leaders_and_the_platforms(string caller)
    {
        var data = await TenancyData.OfAsync(Host);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/kommuner/{Own}/export");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", data.TokenOf(caller));
        using var response = await Host.AnonymousHttp.SendAsync(request);
        Assert.Equal(caller is Admin or LeaderOwn ? HttpStatusCode.OK : HttpStatusCode.Forbidden, response.StatusCode);
    }

    public static TheoryData<string> EveryCaller() => [.. Callers];

    [Fact]
    public async Task A_shared_strategy_is_read_by_every_role_and_listed_for_other_kommuner()
    {
        await TenancyData.OfAsync(Host);
        var leader = Host.Token("kommune-leader", "NO-1508", "leader@alesund.kommune.no");
        var published = (await Host.OkAsync("""
            mutation { importHistoricalResult(input: { kommuneId: "NO-1508", frameworkVersion: "2020", evaluatedOn: "2022-05-01", areaScores: [], total: 500, source: "Test" }) { id } }
            """))["importHistoricalResult"]!["id"].Str();
        var id = (await Host.OkAsync("""
            mutation($e: ID!) { createStrategy(input: { kommuneId: "NO-1508", evaluationId: $e, title: "Delt", periodStart: "2022-06-01", periodEnd: "2025-05-31" }) { id } }
            """, new { e = published }, token: leader))["createStrategy"]!["id"].Str();
        var analyst = Host.Token("analyst", user: "analyst@ks.no");
        const string Read = "query($id: ID!) { strategy(id: $id) { id shared } }";
        const string Listed = "{ kommune(id: \"NO-1508\") { strategies { id } } }";
        Assert.Equal("FORBIDDEN", (await Host.PostAsTokenAsync(Read, new { id }, analyst)).Code);
        Assert.Empty((await Host.OkAsync(Listed, token: analyst))["kommune"]!["strategies"]!.AsArray());

        await Host.OkAsync("mutation($id: ID!) { shareStrategy(input: { strategyId: $id, shared: true }) { id } }", new { id }, token: leader);
        Assert.True((await Host.OkAsync(Read, new { id }, token: analyst))["strategy"]!["shared"]!.GetValue<bool>());
        Assert.Single((await Host.OkAsync(Listed, token: analyst))["kommune"]!["strategies"]!.AsArray());
        // Shared is read-only for others: another kommune's leader still may not change it.
        Assert.Equal("FORBIDDEN", (await Host.PostAsTokenAsync("mutation($id: ID!) { addGoal(input: { strategyId: $id, areaCode: \"1\", title: \"x\" }) { id } }",
            new { id }, Host.Token("kommune-leader", Other))).Code);
    }

    [Fact]
    public void The_matrix_has_every_query_and_mutation_of_the_schema()
    {
        var schema = Host.Services.GetRequiredService<Types.KompassSchema>();
        schema.Initialize();
        var covered = Operations.Keys.Select(k => k.Split(' ')[1]).ToHashSet();
        var roots = schema.Query.Fields.Select(f => f.Name).Concat(schema.Mutation!.Fields.Select(f => f.Name));
        Assert.Equal([], roots.Where(r => !covered.Contains(r)).ToArray());
    }

    [Fact]
    public async Task A_refused_mutation_changes_nothing()
    {
        var data = await TenancyData.OfAsync(Host);
        var before = await Host.EvaluationSnapshotAsync(data.OtherDraft);
        foreach (var caller in new[] { Unassigned, LeaderOwn, MemberOwn, "analyst" })
        {
            var (query, variables, _) = Operations["mutation rateScoringPoints"];
            var refused = await Host.PostAsTokenAsync(query.Replace("system: 2", "system: 4"), new { id = data.OtherDraft }, data.TokenOf(caller));
            Assert.Equal("FORBIDDEN", refused.Code);
        }
        Assert.Equal(before, await Host.EvaluationSnapshotAsync(data.OtherDraft));
    }

    [Fact]
    public async Task Another_kommunes_id_in_a_variable_is_refused_for_an_evaluator_assigned_elsewhere()
    {
        var data = await TenancyData.OfAsync(Host);
        var (query, _, _) = Operations["mutation rateScoringPoints"];
        Assert.Null((await Host.PostAsTokenAsync(query, new { id = data.OwnDraft }, data.TokenOf(Assigned))).Errors);
        var forged = await Host.PostAsTokenAsync(query, new { id = data.OtherDraft }, data.TokenOf(Assigned));
        Assert.Equal("FORBIDDEN", forged.Code);
    }

    [Fact]
    public async Task Two_kommuner_in_one_query_through_aliases_answers_only_the_callers_own_draft()
    {
        var data = await TenancyData.OfAsync(Host);
        var response = await Host.PostAsTokenAsync(
            "query($a: ID!, $b: ID!) { mine: evaluation(id: $a) { id } theirs: evaluation(id: $b) { id } }",
            new { a = data.OwnDraft, b = data.OtherDraft }, data.TokenOf(LeaderOwn));
        Assert.Equal(data.OwnDraft, response.Data!["mine"]!["id"]!.GetValue<string>());
        Assert.Null(response.Data!["theirs"]);
        var error = Assert.Single(response.Errors!);
        Assert.Equal("FORBIDDEN", error!["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal("theirs", error["path"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_kommunes_evaluation_list_hides_the_drafts_of_another_kommune()
    {
        var data = await TenancyData.OfAsync(Host);
        const string Query = "query($id: ID!) { kommune(id: $id) { evaluations { id status } } }";
        async Task<IReadOnlyList<string>> Listed(string caller, string kommune) =>
            [.. (await Host.PostAsTokenAsync(Query, new { id = kommune }, data.TokenOf(caller))).AssertNoErrors()
                .Data!["kommune"]!["evaluations"]!.AsArray().Select(e => e!["id"]!.GetValue<string>())];

        Assert.Contains(data.OwnDraft, await Listed(LeaderOwn, Own));
        Assert.Contains(data.OwnDraft, await Listed(MemberOwn, Own));
        Assert.Contains(data.OwnDraft, await Listed(Admin, Own));
        var seenByOther = await Listed("kommune-leader (other)", Own);
        Assert.Contains(data.OwnPublished, seenByOther);
        Assert.DoesNotContain(data.OwnDraft, seenByOther);
        Assert.DoesNotContain(data.OwnDraft, await Listed("analyst", Own));
    }

    [Fact]
    public async Task The_evaluator_who_opens_an_evaluation_is_assigned_to_it_and_may_rate_it()
    {
        var data = await TenancyData.OfAsync(Host);
        var token = data.TokenOf(Unassigned);
        var opened = (await Host.PostAsTokenAsync("""
            mutation { openEvaluation(input: { kommuneId: "NO-1508", frameworkVersion: "2020", evaluatedOn: "2026-11-01", evaluators: ["Ulf"] }) { id assignees } }
            """, null, token)).AssertNoErrors().Data!["openEvaluation"]!;
        Assert.Equal(["ulf@ks.no"], opened["assignees"]!.AsArray().Select(a => a!.GetValue<string>()));
        var (query, _, _) = Operations["mutation rateScoringPoints"];
        (await Host.PostAsTokenAsync(query, new { id = opened["id"]!.GetValue<string>() }, token)).AssertNoErrors();
        // The evaluator assigned to another evaluation is not assigned to this one.
        Assert.Equal("FORBIDDEN", (await Host.PostAsTokenAsync(query, new { id = opened["id"]!.GetValue<string>() }, data.TokenOf(Assigned))).Code);
    }
}

/// <summary>The kommuner, evaluations and tokens of the matrix, made once per host.</summary>
public sealed record TenancyData(KompassTestHost Host, string OwnPublished, string OwnDraft, string OtherDraft, string OwnStrategy)
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static TenancyData? _made;

    public static async Task<TenancyData> OfAsync(KompassTestHost host)
    {
        await Gate.WaitAsync();
        try
        {
            if (_made?.Host == host)
                return _made;
            foreach (var k in new[] { TenancyMatrixTests.Own, TenancyMatrixTests.Other, "NO-1508" })
                await host.RegisterAsync(k);
            var published = (await host.OkAsync("""
                mutation { importHistoricalResult(input: { kommuneId: "NO-1505", frameworkVersion: "2020", evaluatedOn: "2021-05-01",
                  areaScores: [], total: 520, source: "Test" }) { id } }
                """))["importHistoricalResult"]!["id"].Str();
            var ownDraft = (await host.OpenAsync(TenancyMatrixTests.Own))["id"].Str();
            var otherDraft = (await host.OpenAsync(TenancyMatrixTests.Other))["id"].Str();
            await host.OkAsync("mutation($id: ID!) { assignEvaluator(input: { evaluationId: $id, subject: \"eva@ks.no\" }) { id } }", new { id = ownDraft });
            // A draft strategy of the own kommune with two actions: a3 owned by the member, a4 by someone else.
            var leader = host.Token("kommune-leader", TenancyMatrixTests.Own, "leader@kristiansund.kommune.no");
            var strategy = (await host.OkAsync("""
                mutation($e: ID!) { createStrategy(input: { kommuneId: "NO-1505", evaluationId: $e, title: "Strategi", periodStart: "2021-06-01", periodEnd: "2024-05-31" }) { id } }
                """, new { e = published }, token: leader))["createStrategy"]!["id"].Str();
            foreach (var step in new[]
            {
                """mutation($s: ID!) { chooseFocusArea(input: { strategyId: $s, areaCode: "1" }) { id } }""",
                """mutation($s: ID!) { addGoal(input: { strategyId: $s, areaCode: "1", title: "Mål" }) { id } }""",
                """mutation($s: ID!) { addSubGoal(input: { strategyId: $s, goalId: "g1", title: "Delmål" }) { id } }""",
                """mutation($s: ID!) { addAction(input: { strategyId: $s, subGoalId: "s2", title: "Medlemmets", owner: "Medlem", ownerSubject: "member@kristiansund.kommune.no", startDate: "2021-06-01", dueDate: "2024-05-01" }) { id } }""",
                """mutation($s: ID!) { addAction(input: { strategyId: $s, subGoalId: "s2", title: "En annens", owner: "Rådmann", ownerSubject: "someone@kristiansund.kommune.no", startDate: "2021-06-01", dueDate: "2024-05-01" }) { id } }""",
            })
                await host.OkAsync(step, new { s = strategy }, token: leader);
            return _made = new TenancyData(host, published, ownDraft, otherDraft, strategy);
        }
        finally
        {
            Gate.Release();
        }
    }

    public string TokenOf(string caller) => caller switch
    {
        "platform-admin" => Host.Token("platform-admin", user: "admin@ks.no"),
        "evaluator (assigned)" => Host.Token("evaluator", user: "eva@ks.no"),
        "evaluator (not assigned)" => Host.Token("evaluator", user: "ulf@ks.no"),
        "kommune-leader (own)" => Host.Token("kommune-leader", TenancyMatrixTests.Own, "leader@kristiansund.kommune.no"),
        "kommune-member (own)" => Host.Token("kommune-member", TenancyMatrixTests.Own, "member@kristiansund.kommune.no"),
        "kommune-leader (other)" => Host.Token("kommune-leader", TenancyMatrixTests.Other, "leader@molde.kommune.no"),
        "kommune-member (other)" => Host.Token("kommune-member", TenancyMatrixTests.Other, "member@molde.kommune.no"),
        "analyst" => Host.Token("analyst", user: "analyst@ks.no"),
        _ => throw new ArgumentOutOfRangeException(nameof(caller), caller, null),
    };
}
