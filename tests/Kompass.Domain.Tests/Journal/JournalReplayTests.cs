using System.Text.Json;
using Kompass.Domain.Analytics;
using Kompass.Domain.Benchmarks;
using Kompass.Domain.Evaluations;
using Kompass.Domain.Journal;
using Kompass.Domain.Kommuner;
using Kompass.Domain.Tests.Analytics;

namespace Kompass.Domain.Tests.Journal;

/// <summary>
/// What a journal entry does to each journaled state. Changes made through the domain, each journaled as the grains
/// journal it (the record under its key afterwards), are replayed, as JSON, over a copy of the state taken at some
/// point: from the entries after that point (the journal of that snapshot) they give the state the changes gave;
/// from every entry (a crash after the snapshot was written and before the journal was emptied) the same.
/// </summary>
public sealed class JournalReplayTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static T Copy<T>(T value) => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value, Json), Json)!;

    /// <summary>Runs each change (the key it changed, or null), journaling it, and checks replays from snapshots taken along the way.</summary>
    private static void Check<TState, TRecord>(TState state, IEnumerable<Func<TState, string?>> changes, Func<TState, string> normalised)
        where TState : class, IJournaledState<TRecord>
        where TRecord : class
    {
        var journal = new JournalState<TRecord>();
        var snapshots = new List<(int Journaled, TState State)> { (0, Copy(state)) };
        foreach (var change in changes)
        {
            if (change(state) is not { } key)
                continue;
            journal.Entries.Add(new JournalEntry<TRecord>(key, state.RecordOf(key)));
            if (journal.Entries.Count % 37 == 0)
                snapshots.Add((journal.Entries.Count, Copy(state)));
        }
        snapshots.Add((journal.Entries.Count, Copy(state)));
        Assert.True(journal.Entries.Count > 100, $"only {journal.Entries.Count} changes");

        var expected = normalised(state);
        foreach (var (journaled, snapshot) in snapshots)
        {
            var after = Copy(new JournalState<TRecord> { Entries = journal.Entries[journaled..] });
            var replayed = Copy(snapshot);
            after.ReplayInto(replayed);
            Assert.Equal(expected, normalised(replayed));

            var crashed = Copy(snapshot); // the journal of an older snapshot, every entry of it already held
            Copy(new JournalState<TRecord> { Entries = journal.Entries[..journaled] }).ReplayInto(crashed);
            Assert.Equal(normalised(snapshot), normalised(crashed));
        }
    }

    [Fact]
    public void Benchmark_contributions_and_their_sums_replay_to_the_state_the_changes_gave()
    {
        var random = new Random(11);
        var ids = Enumerable.Range(1, 40).Select(i => $"NO-{1100 + i}/eval/2023-1").ToList();
        var versions = new Dictionary<string, int>();
        string? Change(BenchmarkState state)
        {
            var id = ids[random.Next(ids.Count)];
            if (random.Next(10) == 0)
                return Benchmark.Remove(state, id) ? id : null;
            var version = versions[id] = versions.GetValueOrDefault(id) + random.Next(-1, 3);
            var areas = Enumerable.Range(1, random.Next(0, 4)).ToDictionary(a => $"{a}", _ => random.Next(0, 100));
            int? total = random.Next(8) == 0 ? null : random.Next(100, 500);
            var result = new PublishedResult(id, id[..7], "2020", new DateOnly(2023, 1, 1), areas, total, version);
            return Benchmark.Apply(state, result) ? id : null;
        }

        Check<BenchmarkState, Contribution>(new BenchmarkState(), Enumerable.Repeat(Change, 400), s => JsonSerializer.Serialize(new
        {
            Contributions = s.Contributions.OrderBy(c => c.Key, StringComparer.Ordinal),
            Sums = s.AreaCounts.Where(c => c.Value != 0).OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => (c.Key, c.Value, s.AreaSums[c.Key])),
            s.TotalSum,
            s.TotalCount,
            Snapshot = Benchmark.Snapshot(s),
        }, Json));
    }

    [Fact]
    public void Directory_entries_replay_to_the_list_the_changes_gave()
    {
        var random = new Random(12);
        var versions = new Dictionary<string, int>();
        string? Change(KommuneDirectoryState state)
        {
            var id = $"NO-{1100 + random.Next(50)}";
            if (random.Next(8) == 0)
                return KommuneDirectory.Remove(state, id) ? id : null;
            var version = versions[id] = versions.GetValueOrDefault(id) + random.Next(-1, 3);
            var latest = random.Next(3) == 0 ? null : new LatestResult($"{id}/eval/2023-1", "2020", new DateOnly(2023, 1, 1), random.Next(100, 500));
            return KommuneDirectory.Add(state, new DirectoryEntry(id, $"Kommune {id}", version, "Fylke", 1000, 2024, latest)) ? id : null;
        }

        Check<KommuneDirectoryState, DirectoryEntry>(new KommuneDirectoryState(), Enumerable.Repeat(Change, 400),
            s => JsonSerializer.Serialize(s.Entries, Json));
    }

    [Fact]
    public void Analytics_results_removals_and_forgotten_evaluations_replay_to_the_aggregate_the_changes_gave()
    {
        var random = new Random(13);
        var aggregate = AnalyticsFixtures.NewAggregate();
        var versions = new Dictionary<string, int>();
        string? Change(AnalyticsState _)
        {
            var kommune = $"NO-{1100 + random.Next(30)}";
            var id = $"{kommune}/eval/{2015 + random.Next(3)}-1";
            switch (random.Next(12))
            {
                case 0:
                    return aggregate.Forget(id) ? id : null;
                case 1:
                    return aggregate.Remove(id, versions[id] = versions.GetValueOrDefault(id) + 1) ? id : null;
                default:
                    var result = AnalyticsFixtures.R(kommune, new DateOnly(int.Parse(id[^6..^2]), 3, 1), random.Next(100, 500)) with { EvaluationId = id };
                    return aggregate.Apply(result, versions[id] = versions.GetValueOrDefault(id) + random.Next(-1, 3)) ? id : null;
            }
        }

        string Normalised(AnalyticsState s) => JsonSerializer.Serialize(s.Results.OrderBy(r => r.Key, StringComparer.Ordinal), Json);
        Check<AnalyticsState, HeldResult>(aggregate.State, Enumerable.Repeat(Change, 500), Normalised);

        // The aggregate over a replayed state answers as the one the changes kept.
        var replayed = new AnalyticsState();
        new JournalState<HeldResult> { Entries = [.. aggregate.State.Results.Select(r => new JournalEntry<HeldResult>(r.Key, r.Value))] }.ReplayInto(replayed);
        var rebuilt = new ResultAggregate(Copy(replayed), AnalyticsFixtures.Catalogue);
        Assert.Equal(JsonSerializer.Serialize(aggregate.Ranking("2020", Country.NO, Period.AllTime, Measure.Total), Json),
            JsonSerializer.Serialize(rebuilt.Ranking("2020", Country.NO, Period.AllTime, Measure.Total), Json));
    }

    [Fact]
    public void A_store_without_a_journal_reads_as_an_empty_one()
    {
        var journal = JsonSerializer.Deserialize<JournalState<DirectoryEntry>>("{}", Json)!;
        var state = new KommuneDirectoryState();
        KommuneDirectory.Add(state, new DirectoryEntry("NO-1101", "Eigersund", 1));

        journal.ReplayInto(state);

        Assert.Equal("Eigersund", Assert.Single(state.Entries).Value.Name);
    }
}
