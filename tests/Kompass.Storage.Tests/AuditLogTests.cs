using Kompass.Storage.Audit;
using Kompass.Testing;
using Npgsql;

namespace Kompass.Storage.Tests;

/// <summary>The audit log's rules, on each store the service uses: newest first, paging, isolation, purge, concurrent appends.</summary>
public abstract class AuditLogTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    protected abstract Task<IAuditLog> NewLogAsync();

    private static AuditEntry Entry(string kommune, int i, string? changes = null) => new(kommune, Start.AddSeconds(i), $"user-{i}",
        "KommuneLeader", "updateEvaluation", $"evaluation/{kommune}/{i}", i % 5 == 0 ? "refused:FORBIDDEN" : "ok", changes);

    [Fact]
    public async Task Entries_read_back_newest_first_as_appended()
    {
        var log = await NewLogAsync();
        var stockholm = new AuditEntry("SE-0180", new DateTimeOffset(2026, 12, 3, 11, 0, 0, 123, TimeSpan.FromHours(1)), "anna", "PlatformAdmin",
            "renameKommune", "kommune/SE-0180", "ok", "name: \"Stockholm\" -> \"Stockholms stad\"");
        await log.AppendAsync(Entry("SE-0180", 1));
        await log.AppendAsync(stockholm);

        var page = await log.ReadAsync("SE-0180", 10, null);

        Assert.Equal(2, page.Items.Count);
        Assert.False(page.HasNextPage);
        Assert.Equal(stockholm with { At = stockholm.At.ToUniversalTime() }, page.Items[0].Entry);
        Assert.Equal(stockholm.At, page.Items[0].Entry.At);
        Assert.Equal(Entry("SE-0180", 1), page.Items[1].Entry);
        Assert.True(page.Items[0].Sequence > page.Items[1].Sequence);
        Assert.Equal(page.Items[1].Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), page.EndCursor);
    }

    [Fact]
    public async Task Pages_follow_each_other_without_gaps_or_duplicates()
    {
        var log = await NewLogAsync();
        for (var i = 0; i < 23; i++)
            await log.AppendAsync(Entry("NO-5027", i));

        var seen = new List<AuditRecord>();
        string? after = null;
        var pages = 0;
        while (true)
        {
            var page = await log.ReadAsync("NO-5027", 5, after);
            seen.AddRange(page.Items);
            pages++;
            if (!page.HasNextPage)
                break;
            after = page.EndCursor;
        }

        Assert.Equal(5, pages);
        Assert.Equal(Enumerable.Range(0, 23).Reverse().Select(i => $"user-{i}"), seen.Select(r => r.Entry.Actor));
        Assert.Equal(seen.Select(r => r.Sequence).OrderDescending(), seen.Select(r => r.Sequence));
        Assert.Equal(23, seen.Select(r => r.Sequence).Distinct().Count());

        var empty = await log.ReadAsync("NO-5027", 5, seen[^1].Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(empty.Items);
        Assert.False(empty.HasNextPage);
        Assert.Null(empty.EndCursor);
    }

    [Fact]
    public async Task Kommuner_are_isolated_and_a_purge_removes_only_its_own_kommune()
    {
        var log = await NewLogAsync();
        for (var i = 0; i < 3; i++)
        {
            await log.AppendAsync(Entry("NO-0301", i));
            await log.AppendAsync(Entry("NO-4601", i));
        }
        await log.AppendAsync(Entry(AuditEntry.Platform, 9));

        Assert.All((await log.ReadAsync("NO-0301", 100, null)).Items, r => Assert.Equal("NO-0301", r.Entry.KommuneId));
        Assert.Equal(3, (await log.ReadAsync("NO-4601", 100, null)).Items.Count);
        Assert.Empty((await log.ReadAsync("NO-9999", 100, null)).Items);

        Assert.Equal(3, await log.PurgeAsync("NO-0301"));

        Assert.Empty((await log.ReadAsync("NO-0301", 100, null)).Items);
        Assert.Equal(3, (await log.ReadAsync("NO-4601", 100, null)).Items.Count);
        Assert.Single((await log.ReadAsync(AuditEntry.Platform, 100, null)).Items);
        Assert.Equal(0, await log.PurgeAsync("NO-0301"));
    }

    [Fact]
    public async Task Concurrent_appends_are_all_kept_with_distinct_sequences()
    {
        var log = await NewLogAsync();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
                await log.AppendAsync(Entry("NO-1103", writer * 1000 + i));
        })));

        var all = new List<AuditRecord>();
        string? after = null;
        do
        {
            var page = await log.ReadAsync("NO-1103", 100, after);
            all.AddRange(page.Items);
            after = page.HasNextPage ? page.EndCursor : null;
        }
        while (after is not null);

        Assert.Equal(200, all.Count);
        Assert.Equal(200, all.Select(r => r.Sequence).Distinct().Count());
        Assert.Equal(200, all.Select(r => r.Entry.Actor).Distinct().Count());
        // Each writer's own entries keep its order.
        foreach (var writer in Enumerable.Range(0, 4))
        {
            var mine = all.Where(r => r.Entry.At >= Start.AddSeconds(writer * 1000) && r.Entry.At < Start.AddSeconds(writer * 1000 + 1000));
            Assert.Equal(mine.Select(r => r.Entry.At).OrderDescending(), mine.Select(r => r.Entry.At));
        }
    }

    [Fact]
    public async Task Long_text_is_cut_so_one_entry_stays_small()
    {
        var log = await NewLogAsync();
        await log.AppendAsync(new AuditEntry("NO-5027", Start, new string('a', 500), "r", "op", new string('t', 300), "ok", new string('c', 5000)));

        var entry = (await log.ReadAsync("NO-5027", 1, null)).Items.Single().Entry;

        Assert.Equal(AuditLogRules.MaxFieldLength, entry.Actor.Length);
        Assert.EndsWith("…", entry.Actor, StringComparison.Ordinal);
        Assert.Equal(AuditLogRules.MaxFieldLength, entry.Target.Length);
        Assert.Equal(AuditLogRules.MaxChangesLength, entry.Changes!.Length);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("1.5")]
    [InlineData("")]
    public async Task A_malformed_cursor_is_an_ArgumentException(string after)
    {
        var log = await NewLogAsync();
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => log.ReadAsync("NO-5027", 10, after));
        Assert.Equal("after", ex.ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public async Task First_outside_1_to_100_is_refused(int first)
    {
        var log = await NewLogAsync();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => log.ReadAsync("NO-5027", first, null));
    }
}

public sealed class MemoryAuditLogTests : AuditLogTests
{
    protected override Task<IAuditLog> NewLogAsync() => Task.FromResult<IAuditLog>(new MemoryAuditLog());
}

public sealed class SqliteAuditLogTests : AuditLogTests, IDisposable
{
    private readonly TempSqliteFile _file = new();

    protected override async Task<IAuditLog> NewLogAsync()
    {
        await KompassSchemaMigrator.MigrateSqliteAsync(_file.Path);
        return new SqlAuditLog(SqliteDatabase.CreateDataSource(_file.Path));
    }

    [Fact]
    public async Task The_table_refuses_updates()
    {
        var log = await NewLogAsync();
        await log.AppendAsync(new AuditEntry("NO-5027", DateTimeOffset.UtcNow, "a", "r", "op", "t", "ok", null));
        using var connection = SqliteDatabase.Open(_file.Path);
        using var update = connection.CreateCommand();
        update.CommandText = "UPDATE KompassAudit SET Outcome = 'changed'";
        var ex = Assert.Throws<Microsoft.Data.Sqlite.SqliteException>(() => update.ExecuteNonQuery());
        Assert.Contains("append-only", ex.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _file.Dispose();
}

[Collection(PostgresServer.Collection)]
public sealed class PostgresAuditLogTests(PostgresServer server) : AuditLogTests
{
    private string? _connectionString;

    protected override async Task<IAuditLog> NewLogAsync()
    {
        _connectionString = server.CreateDatabase("audit");
        await KompassSchemaMigrator.MigratePostgresAsync(_connectionString);
        return new SqlAuditLog(NpgsqlDataSource.Create(_connectionString));
    }

    [Fact]
    public async Task The_table_refuses_updates()
    {
        var log = await NewLogAsync();
        await log.AppendAsync(new AuditEntry("NO-5027", DateTimeOffset.UtcNow, "a", "r", "op", "t", "ok", null));
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var update = new NpgsqlCommand("UPDATE KompassAudit SET Outcome = 'changed'", connection);
        var ex = await Assert.ThrowsAsync<PostgresException>(() => update.ExecuteNonQueryAsync());
        Assert.Contains("append-only", ex.MessageText, StringComparison.Ordinal);
    }
}

[Collection(AzuriteServer.Collection)]
public sealed class AzureAuditLogTests(AzuriteServer server) : AuditLogTests
{
    protected override Task<IAuditLog> NewLogAsync() => Task.FromResult<IAuditLog>(new AzureTableAuditLog(
        new Azure.Data.Tables.TableClient(server.ConnectionString, $"audit{Guid.NewGuid():N}")));
}
