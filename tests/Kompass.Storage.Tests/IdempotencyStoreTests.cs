using Kompass.Storage.Idempotency;
using Kompass.Testing;
using Npgsql;

namespace Kompass.Storage.Tests;

/// <summary>The idempotency store's rules, on each store the service uses: claim, answer, reuse, concurrency, expiry, sweep.</summary>
public abstract class IdempotencyStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);
    private static readonly IdempotencyOptions Options = new();
    private static readonly IdempotentAnswer Answer = new(200, "application/graphql-response+json", [1, 2, 3]);

    protected abstract Task<IdempotencyStore> NewStoreAsync();

    [Fact]
    public async Task The_first_claim_runs_a_second_waits_and_once_answered_the_answer_is_replayed()
    {
        var store = await NewStoreAsync();

        Assert.Equal(IdempotencyOutcome.Began, (await store.ClaimAsync("kari", "k1", "f1", Now, Options)).Outcome);
        Assert.Equal(IdempotencyOutcome.InProgress, (await store.ClaimAsync("kari", "k1", "f1", Now.AddSeconds(1), Options)).Outcome);

        await store.CompleteAsync("kari", "k1", Answer);
        var replay = await store.ClaimAsync("kari", "k1", "f1", Now.AddHours(23), Options);

        Assert.Equal(IdempotencyOutcome.Answered, replay.Outcome);
        Assert.Equal(Answer.StatusCode, replay.Answer!.StatusCode);
        Assert.Equal(Answer.ContentType, replay.Answer.ContentType);
        Assert.Equal(Answer.Body, replay.Answer.Body);
    }

    [Fact]
    public async Task Another_request_under_the_key_is_reuse_in_progress_or_answered_but_another_caller_has_its_own_keys()
    {
        var store = await NewStoreAsync();
        await store.ClaimAsync("kari", "k2", "f1", Now, Options);

        Assert.Equal(IdempotencyOutcome.KeyReused, (await store.ClaimAsync("kari", "k2", "f2", Now, Options)).Outcome);
        await store.CompleteAsync("kari", "k2", Answer);
        Assert.Equal(IdempotencyOutcome.KeyReused, (await store.ClaimAsync("kari", "k2", "f2", Now, Options)).Outcome);
        Assert.Equal(IdempotencyOutcome.Began, (await store.ClaimAsync("ola", "k2", "f2", Now, Options)).Outcome);
    }

    [Fact]
    public async Task A_forgotten_claim_runs_again()
    {
        var store = await NewStoreAsync();
        await store.ClaimAsync("kari", "k3", "f1", Now, Options);

        await store.ForgetAsync("kari", "k3");

        Assert.Equal(IdempotencyOutcome.Began, (await store.ClaimAsync("kari", "k3", "f1", Now, Options)).Outcome);
    }

    [Fact]
    public async Task A_claim_whose_process_died_is_released_after_the_in_progress_timeout()
    {
        var store = await NewStoreAsync();
        await store.ClaimAsync("kari", "k4", "f1", Now, Options);

        Assert.Equal(IdempotencyOutcome.InProgress, (await store.ClaimAsync("kari", "k4", "f1", Now + Options.InProgressTimeout, Options)).Outcome);
        Assert.Equal(IdempotencyOutcome.Began,
            (await store.ClaimAsync("kari", "k4", "f1", Now + Options.InProgressTimeout + TimeSpan.FromSeconds(1), Options)).Outcome);
    }

    [Fact]
    public async Task An_answer_is_kept_for_the_retention_and_swept_after_it()
    {
        var store = await NewStoreAsync();
        await store.ClaimAsync("kari", "old", "f1", Now, Options);
        await store.CompleteAsync("kari", "old", Answer);
        await store.ClaimAsync("kari", "new", "f1", Now.AddHours(2), Options);
        await store.CompleteAsync("kari", "new", Answer);

        Assert.Equal(IdempotencyOutcome.Answered, (await store.ClaimAsync("kari", "old", "f1", Now + Options.Retention, Options)).Outcome);
        Assert.Equal(1, await store.DeleteCreatedBeforeAsync(Now.AddHours(1)));

        Assert.Equal(IdempotencyOutcome.Began, (await store.ClaimAsync("kari", "old", "f1", Now.AddHours(3), Options)).Outcome);
        Assert.Equal(IdempotencyOutcome.Answered, (await store.ClaimAsync("kari", "new", "f1", Now.AddHours(3), Options)).Outcome);
        // Past its retention an answer no longer holds its key, swept or not.
        Assert.Equal(IdempotencyOutcome.Began,
            (await store.ClaimAsync("kari", "new", "f2", Now.AddHours(2) + Options.Retention + TimeSpan.FromSeconds(1), Options)).Outcome);
    }

    [Fact]
    public async Task Purging_a_kommune_deletes_the_answers_that_mention_it_and_no_others()
    {
        var store = await NewStoreAsync();
        async Task AnswerAsync(string scope, string key, string body)
        {
            await store.ClaimAsync(scope, key, "f1", Now, Options);
            await store.CompleteAsync(scope, key, Answer with { Body = System.Text.Encoding.UTF8.GetBytes(body) });
        }
        await AnswerAsync("kari", "a", """{"data":{"evaluation":{"id":"NO-5027/eval/2026-1"}}}""");
        await AnswerAsync("ola", "b", """{"data":{"kommune":{"id":"NO-5027","name":"Gjøvik"}}}""");
        await AnswerAsync("kari", "c", """{"data":{"kommune":{"id":"NO-0301"}}}""");
        await store.ClaimAsync("kari", "running", "f1", Now, Options);

        Assert.Equal(2, await store.PurgeKommuneAsync("NO-5027"));

        Assert.Equal(IdempotencyOutcome.Began, (await store.ClaimAsync("kari", "a", "f1", Now, Options)).Outcome);
        Assert.Equal(IdempotencyOutcome.Began, (await store.ClaimAsync("ola", "b", "f1", Now, Options)).Outcome);
        Assert.Equal(IdempotencyOutcome.Answered, (await store.ClaimAsync("kari", "c", "f1", Now, Options)).Outcome);
        Assert.Equal(IdempotencyOutcome.InProgress, (await store.ClaimAsync("kari", "running", "f1", Now, Options)).Outcome);
        Assert.Equal(0, await store.PurgeKommuneAsync("NO-5027"));
    }

    [Fact]
    public async Task Of_many_concurrent_claims_of_one_key_exactly_one_begins()
    {
        var store = await NewStoreAsync();

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => store.ClaimAsync("kari", "race", "f1", Now, Options))));

        Assert.Equal(1, claims.Count(c => c.Outcome == IdempotencyOutcome.Began));
        Assert.All(claims.Where(c => c.Outcome != IdempotencyOutcome.Began), c => Assert.Equal(IdempotencyOutcome.InProgress, c.Outcome));
    }
}

public sealed class MemoryIdempotencyStoreTests : IdempotencyStoreTests
{
    protected override Task<IdempotencyStore> NewStoreAsync() => Task.FromResult<IdempotencyStore>(new MemoryIdempotencyStore());
}

public sealed class SqliteIdempotencyStoreTests : IdempotencyStoreTests, IDisposable
{
    private readonly TempSqliteFile _file = new();

    protected override async Task<IdempotencyStore> NewStoreAsync()
    {
        await KompassSchemaMigrator.MigrateSqliteAsync(_file.Path);
        return new SqlIdempotencyStore(SqliteDatabase.CreateDataSource(_file.Path));
    }

    public void Dispose() => _file.Dispose();
}

[Collection(PostgresServer.Collection)]
public sealed class PostgresIdempotencyStoreTests(PostgresServer server) : IdempotencyStoreTests
{
    protected override async Task<IdempotencyStore> NewStoreAsync()
    {
        var connectionString = server.CreateDatabase("idempotency");
        await KompassSchemaMigrator.MigratePostgresAsync(connectionString);
        return new SqlIdempotencyStore(NpgsqlDataSource.Create(connectionString));
    }
}

[Collection(AzuriteServer.Collection)]
public sealed class AzureIdempotencyStoreTests(AzuriteServer server) : IdempotencyStoreTests
{
    protected override Task<IdempotencyStore> NewStoreAsync() => Task.FromResult<IdempotencyStore>(new AzureTableIdempotencyStore(
        new Azure.Data.Tables.TableClient(server.ConnectionString, $"idempotency{Guid.NewGuid():N}")));

    [Fact]
    public async Task An_answer_larger_than_a_table_property_is_kept_whole()
    {
        var store = await NewStoreAsync();
        var body = Enumerable.Range(0, 200_000).Select(i => (byte)(i % 251)).ToArray();
        await store.ClaimAsync("kari", "big", "f1", DateTimeOffset.UtcNow, new IdempotencyOptions());

        await store.CompleteAsync("kari", "big", new IdempotentAnswer(200, "application/json", body));

        var replay = await store.ClaimAsync("kari", "big", "f1", DateTimeOffset.UtcNow, new IdempotencyOptions());
        Assert.Equal(body, replay.Answer!.Body);
    }
}
