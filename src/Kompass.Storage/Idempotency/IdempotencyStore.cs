using System.Collections.Concurrent;
using System.Data.Common;
using System.Text;
using static Kompass.Storage.SqlCommands;

namespace Kompass.Storage.Idempotency;

/// <summary>A stored answer to a request sent with an Idempotency-Key.</summary>
public sealed record IdempotentAnswer(int StatusCode, string ContentType, byte[] Body);

public enum IdempotencyOutcome
{
    /// <summary>First time: the caller runs the request, then stores or forgets its answer.</summary>
    Began,
    /// <summary>The same request ran before: its answer is <see cref="IdempotencyClaim.Answer"/>.</summary>
    Answered,
    /// <summary>The same key is running right now (a concurrent retry).</summary>
    InProgress,
    /// <summary>The key was used for a different request.</summary>
    KeyReused,
}

public sealed record IdempotencyClaim(IdempotencyOutcome Outcome, IdempotentAnswer? Answer = null);

/// <summary>How long answers are kept (configuration section <c>Kompass:Idempotency</c>).</summary>
public sealed class IdempotencyOptions
{
    public const string Section = "Kompass:Idempotency";

    /// <summary>An answer is replayed for at least this long (the IETF draft's keys live about a day).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often the sweeper deletes answers past their retention.</summary>
    public TimeSpan SweepEvery { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A request still in progress after this long is taken to have died with its process: a retry runs it.</summary>
    public TimeSpan InProgressTimeout { get; set; } = TimeSpan.FromMinutes(2);
}

/// <summary>
/// The answers to requests sent with an Idempotency-Key, kept in the service's own database so that a
/// repeat is recognised after a restart and on any silo. Rows live at most retention + one sweep.
/// </summary>
public abstract class IdempotencyStore
{
    public abstract Task<IdempotencyClaim> ClaimAsync(string scope, string key, string fingerprint, DateTimeOffset now,
        IdempotencyOptions options, CancellationToken cancellationToken = default);

    public abstract Task CompleteAsync(string scope, string key, IdempotentAnswer answer, CancellationToken cancellationToken = default);

    /// <summary>Drops a claim whose request failed in a way worth retrying, so the retry runs again.</summary>
    public abstract Task ForgetAsync(string scope, string key, CancellationToken cancellationToken = default);

    /// <summary>Deletes every answer created before <paramref name="cutoff"/>; returns how many.</summary>
    public abstract Task<int> DeleteCreatedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default);

    /// <summary>
    /// Offboarding: deletes every stored answer whose body mentions <paramref name="kommuneId"/> (as written,
    /// e.g. "NO-5027"), since an answer may hold the kommune's data; returns how many.
    /// </summary>
    public abstract Task<int> PurgeKommuneAsync(string kommuneId, CancellationToken cancellationToken = default);

    /// <summary>Whether an answer's body mentions the kommune: the one test every store applies (bodies are UTF-8 JSON).</summary>
    protected static bool Mentions(byte[]? body, string kommuneId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kommuneId);
        return body is not null && body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(kommuneId)) >= 0;
    }

    protected static IdempotencyClaim Judge(string fingerprint, string storedFingerprint, bool completed, IdempotentAnswer? answer) =>
        storedFingerprint != fingerprint ? new IdempotencyClaim(IdempotencyOutcome.KeyReused)
        : completed ? new IdempotencyClaim(IdempotencyOutcome.Answered, answer)
        : new IdempotencyClaim(IdempotencyOutcome.InProgress);
}

/// <summary>The store over the SQLite or PostgreSQL database the silo uses (table <c>KompassIdempotency</c>).</summary>
public sealed class SqlIdempotencyStore(DbDataSource dataSource) : IdempotencyStore
{
    public override async Task<IdempotencyClaim> ClaimAsync(string scope, string key, string fingerprint, DateTimeOffset now,
        IdempotencyOptions options, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // An answer past its retention, or a claim whose process died, no longer holds the key.
        await ExecuteAsync(connection, """
            DELETE FROM KompassIdempotency WHERE Scope = @scope AND RequestKey = @key
              AND (CreatedAt < @expired OR (Completed = 0 AND CreatedAt < @abandoned))
            """, cancellationToken, ("scope", scope), ("key", key),
            ("expired", (now - options.Retention).ToUnixTimeMilliseconds()),
            ("abandoned", (now - options.InProgressTimeout).ToUnixTimeMilliseconds()));
        var inserted = await ExecuteAsync(connection, """
            INSERT INTO KompassIdempotency (Scope, RequestKey, Fingerprint, Completed, CreatedAt)
            VALUES (@scope, @key, @fingerprint, 0, @now) ON CONFLICT DO NOTHING
            """, cancellationToken, ("scope", scope), ("key", key), ("fingerprint", fingerprint), ("now", now.ToUnixTimeMilliseconds()));
        if (inserted == 1)
            return new IdempotencyClaim(IdempotencyOutcome.Began);

        await using var select = Command(connection, """
            SELECT Fingerprint, Completed, StatusCode, ContentType, Body FROM KompassIdempotency
            WHERE Scope = @scope AND RequestKey = @key
            """, ("scope", scope), ("key", key));
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return new IdempotencyClaim(IdempotencyOutcome.InProgress); // deleted between the two: the other request owns it
        var completed = Convert.ToInt32(reader.GetValue(1)) == 1;
        var answer = completed
            ? new IdempotentAnswer(Convert.ToInt32(reader.GetValue(2)), reader.GetString(3), (byte[])reader.GetValue(4))
            : null;
        return Judge(fingerprint, reader.GetString(0), completed, answer);
    }

    public override async Task CompleteAsync(string scope, string key, IdempotentAnswer answer, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, """
            UPDATE KompassIdempotency SET Completed = 1, StatusCode = @status, ContentType = @type, Body = @body
            WHERE Scope = @scope AND RequestKey = @key
            """, cancellationToken, ("scope", scope), ("key", key), ("status", answer.StatusCode), ("type", answer.ContentType), ("body", answer.Body));
    }

    public override async Task ForgetAsync(string scope, string key, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, "DELETE FROM KompassIdempotency WHERE Scope = @scope AND RequestKey = @key",
            cancellationToken, ("scope", scope), ("key", key));
    }

    public override async Task<int> PurgeKommuneAsync(string kommuneId, CancellationToken cancellationToken = default)
    {
        // Matched here rather than in SQL, so both dialects and every store share one test; the table holds a day of answers.
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var mentioning = new List<(string Scope, string Key)>();
        await using (var select = Command(connection, "SELECT Scope, RequestKey, Body FROM KompassIdempotency WHERE Body IS NOT NULL"))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                if (Mentions((byte[])reader.GetValue(2), kommuneId))
                    mentioning.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        var deleted = 0;
        foreach (var (scope, key) in mentioning)
            deleted += await ExecuteAsync(connection, "DELETE FROM KompassIdempotency WHERE Scope = @scope AND RequestKey = @key",
                cancellationToken, ("scope", scope), ("key", key));
        return deleted;
    }

    public override async Task<int> DeleteCreatedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await ExecuteAsync(connection, "DELETE FROM KompassIdempotency WHERE CreatedAt < @cutoff",
            cancellationToken, ("cutoff", cutoff.ToUnixTimeMilliseconds()));
    }
}

/// <summary>For the Memory storage provider: answers live as long as the process, like its grain state.</summary>
public sealed class MemoryIdempotencyStore : IdempotencyStore
{
    private sealed record Row(string Fingerprint, DateTimeOffset CreatedAt, IdempotentAnswer? Answer);

    private readonly ConcurrentDictionary<(string, string), Row> _rows = new();

    public override Task<IdempotencyClaim> ClaimAsync(string scope, string key, string fingerprint, DateTimeOffset now,
        IdempotencyOptions options, CancellationToken cancellationToken = default)
    {
        var id = (scope, key);
        if (_rows.TryGetValue(id, out var old) &&
            (old.CreatedAt < now - options.Retention || (old.Answer is null && old.CreatedAt < now - options.InProgressTimeout)))
            _rows.TryRemove(KeyValuePair.Create(id, old));
        if (_rows.TryAdd(id, new Row(fingerprint, now, null)))
            return Task.FromResult(new IdempotencyClaim(IdempotencyOutcome.Began));
        return Task.FromResult(_rows.TryGetValue(id, out var row)
            ? Judge(fingerprint, row.Fingerprint, row.Answer is not null, row.Answer)
            : new IdempotencyClaim(IdempotencyOutcome.InProgress));
    }

    public override Task CompleteAsync(string scope, string key, IdempotentAnswer answer, CancellationToken cancellationToken = default)
    {
        _rows.AddOrUpdate((scope, key), _ => throw new InvalidOperationException("No claim to complete."), (_, row) => row with { Answer = answer });
        return Task.CompletedTask;
    }

    public override Task ForgetAsync(string scope, string key, CancellationToken cancellationToken = default)
    {
        _rows.TryRemove((scope, key), out _);
        return Task.CompletedTask;
    }

    public override Task<int> PurgeKommuneAsync(string kommuneId, CancellationToken cancellationToken = default)
    {
        var mentioning = _rows.Where(r => Mentions(r.Value.Answer?.Body, kommuneId)).ToList();
        return Task.FromResult(mentioning.Count(r => _rows.TryRemove(r)));
    }

    public override Task<int> DeleteCreatedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        var old = _rows.Where(r => r.Value.CreatedAt < cutoff).ToList();
        return Task.FromResult(old.Count(r => _rows.TryRemove(r)));
    }
}
