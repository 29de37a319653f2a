using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;

namespace Kompass.Storage.Idempotency;

/// <summary>
/// The store on Azure Table storage (table <c>KompassIdempotency</c>): partition = caller scope, row = a
/// hash of the key (row keys may not hold every character a key may). The answer's body is split over
/// binary properties of at most 64 KiB, as the table service allows; an answer too large for one entity
/// is not kept (the retry then runs again, and the grains' request keys keep it from applying twice).
/// </summary>
public sealed class AzureTableIdempotencyStore(TableClient table) : IdempotencyStore
{
    public const string TableName = "KompassIdempotency";
    private const int ChunkBytes = 60 * 1024;
    private const int MaxChunks = 14; // with the other properties, well inside the 1 MiB an entity may hold

    private readonly TableCreation _creation = new(table);

    public override async Task<IdempotencyClaim> ClaimAsync(string scope, string key, string fingerprint, DateTimeOffset now,
        IdempotencyOptions options, CancellationToken cancellationToken = default)
    {
        await _creation.EnsureAsync(cancellationToken);
        var row = RowKey(key);
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(scope, row, cancellationToken: cancellationToken);
        if (existing.HasValue && existing.Value is { } old)
        {
            var createdAt = old.GetDateTimeOffset("CreatedAt")!.Value;
            var completed = old.GetBoolean("Completed") == true;
            if (createdAt >= now - options.Retention && (completed || createdAt >= now - options.InProgressTimeout))
                return Judge(fingerprint, old.GetString("Fingerprint"), completed, completed ? AnswerOf(old) : null);
            // Past its retention, or a claim whose process died: no longer holds the key.
            await IgnoreAsync(() => table.DeleteEntityAsync(scope, row, old.ETag, cancellationToken), 404, 412);
        }

        var entity = new TableEntity(scope, row) { ["Fingerprint"] = fingerprint, ["Completed"] = false, ["CreatedAt"] = now };
        try
        {
            await table.AddEntityAsync(entity, cancellationToken);
            return new IdempotencyClaim(IdempotencyOutcome.Began);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var winner = await table.GetEntityIfExistsAsync<TableEntity>(scope, row, cancellationToken: cancellationToken);
            return winner.HasValue && winner.Value is { } w
                ? Judge(fingerprint, w.GetString("Fingerprint"), w.GetBoolean("Completed") == true, w.GetBoolean("Completed") == true ? AnswerOf(w) : null)
                : new IdempotencyClaim(IdempotencyOutcome.InProgress);
        }
    }

    public override async Task CompleteAsync(string scope, string key, IdempotentAnswer answer, CancellationToken cancellationToken = default)
    {
        var chunks = answer.Body.Chunk(ChunkBytes).ToList();
        if (chunks.Count > MaxChunks)
        {
            await ForgetAsync(scope, key, cancellationToken);
            return;
        }
        var entity = new TableEntity(scope, RowKey(key))
        {
            ["Completed"] = true,
            ["StatusCode"] = answer.StatusCode,
            ["ContentType"] = answer.ContentType,
            ["Chunks"] = chunks.Count,
        };
        for (var i = 0; i < chunks.Count; i++)
            entity[$"Body{i}"] = chunks[i];
        await table.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    public override Task ForgetAsync(string scope, string key, CancellationToken cancellationToken = default) =>
        IgnoreAsync(() => table.DeleteEntityAsync(scope, RowKey(key), ETag.All, cancellationToken), 404);

    public override async Task<int> DeleteCreatedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        await _creation.EnsureAsync(cancellationToken);
        var deleted = 0;
        await foreach (var old in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"CreatedAt lt {cutoff}"),
                           select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            await IgnoreAsync(() => table.DeleteEntityAsync(old.PartitionKey, old.RowKey, ETag.All, cancellationToken), 404);
            deleted++;
        }
        return deleted;
    }

    public override async Task<int> PurgeKommuneAsync(string kommuneId, CancellationToken cancellationToken = default)
    {
        await _creation.EnsureAsync(cancellationToken);
        var deleted = 0;
        await foreach (var answer in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Completed eq {true}"), cancellationToken: cancellationToken))
        {
            if (!Mentions(AnswerOf(answer).Body, kommuneId))
                continue;
            await IgnoreAsync(() => table.DeleteEntityAsync(answer.PartitionKey, answer.RowKey, ETag.All, cancellationToken), 404);
            deleted++;
        }
        return deleted;
    }

    private static IdempotentAnswer AnswerOf(TableEntity e)
    {
        var chunks = e.GetInt32("Chunks") ?? 0;
        var body = Enumerable.Range(0, chunks).SelectMany(i => e.GetBinary($"Body{i}") ?? []).ToArray();
        return new IdempotentAnswer(e.GetInt32("StatusCode") ?? 200, e.GetString("ContentType") ?? "application/json", body);
    }

    private static string RowKey(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static async Task IgnoreAsync(Func<Task> call, params int[] statuses)
    {
        try
        {
            await call();
        }
        catch (RequestFailedException e) when (statuses.Contains(e.Status))
        {
            // Someone else got there first: the outcome is the same.
        }
    }
}
