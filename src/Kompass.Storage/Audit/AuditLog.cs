using System.Globalization;
using System.Data.Common;
using static Kompass.Storage.SqlCommands;

namespace Kompass.Storage.Audit;

/// <summary>
/// One mutation, allowed or refused. KommuneId is "NO-5027"/"SE-0115", or <see cref="Platform"/> ("platform")
/// for operations on no kommune. <see cref="Changes"/> says in brief what changed (old and new values), or null.
/// </summary>
public sealed record AuditEntry(string KommuneId, DateTimeOffset At, string Actor, string Role, string Operation, string Target,
    string Outcome, string? Changes)
{
    public const string Platform = "platform";
}

/// <summary>An entry as stored. Sequence increases with every append (across the store on SQL and memory, within the kommune's log on Azure Table) and is the paging cursor.</summary>
public sealed record AuditRecord(long Sequence, AuditEntry Entry);

public sealed record AuditPage(IReadOnlyList<AuditRecord> Items, bool HasNextPage, string? EndCursor);

/// <summary>
/// The audit log: append-only, one log per kommune, kept in the service's own database rather than in a
/// grain's state (which it would grow without bound). Nothing here edits an entry; only offboarding removes them.
/// </summary>
public interface IAuditLog
{
    /// <summary>Stores the entry; strings past <see cref="AuditLogRules.MaxChangesLength"/>/<see cref="AuditLogRules.MaxFieldLength"/> are cut.</summary>
    Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Newest first; <paramref name="after"/> is an EndCursor from a previous page; <paramref name="first"/> 1..100.</summary>
    /// <exception cref="ArgumentException">A malformed cursor, or <paramref name="first"/> out of range.</exception>
    Task<AuditPage> ReadAsync(string kommuneId, int first, string? after, CancellationToken cancellationToken = default);

    /// <summary>Offboarding only (a kommune's data leaves the service): removes every entry of the kommune; returns how many.</summary>
    Task<int> PurgeAsync(string kommuneId, CancellationToken cancellationToken = default);
}

/// <summary>What every audit store checks and cuts the same way, so the stores cannot drift apart.</summary>
public static class AuditLogRules
{
    /// <summary>Changes are cut to this many characters, so one entry stays small.</summary>
    public const int MaxChangesLength = 2_000;

    /// <summary>Actor, role, operation, target and outcome are cut to this many characters.</summary>
    public const int MaxFieldLength = 200;

    public const int MaxPageSize = 100;

    /// <summary>The entry as every store keeps it: strings cut, time in UTC to the millisecond (what the SQL column holds).</summary>
    internal static AuditEntry Normalize(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        CheckKommune(entry.KommuneId);
        return entry with
        {
            At = DateTimeOffset.FromUnixTimeMilliseconds(entry.At.ToUnixTimeMilliseconds()),
            Actor = Cut(entry.Actor, MaxFieldLength)!,
            Role = Cut(entry.Role, MaxFieldLength)!,
            Operation = Cut(entry.Operation, MaxFieldLength)!,
            Target = Cut(entry.Target, MaxFieldLength)!,
            Outcome = Cut(entry.Outcome, MaxFieldLength)!,
            Changes = Cut(entry.Changes, MaxChangesLength),
        };
    }

    /// <summary>
    /// A kommune id is a key (an Azure Table partition key too): not empty, not cut, and without the characters
    /// partition keys refuse, so every store accepts the same ids.
    /// </summary>
    internal static void CheckKommune(string kommuneId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kommuneId);
        if (kommuneId.Length > MaxFieldLength || kommuneId.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
            throw new ArgumentException($"'{kommuneId}' is not a kommune id.", nameof(kommuneId));
    }

    /// <summary>Checks a read's arguments; returns the sequence to read below (long.MaxValue for the first page).</summary>
    internal static long Below(string kommuneId, int first, string? after)
    {
        CheckKommune(kommuneId);
        ArgumentOutOfRangeException.ThrowIfLessThan(first, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(first, MaxPageSize);
        if (after is null)
            return long.MaxValue;
        return long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) && sequence > 0
            ? sequence
            : throw new ArgumentException($"'{after}' is not a cursor of the audit log.", nameof(after));
    }

    /// <summary>A page from up to first + 1 records, newest first: the extra one only says there is a next page.</summary>
    internal static AuditPage Page(IReadOnlyList<AuditRecord> newestFirst, int first)
    {
        var items = newestFirst.Take(first).ToList();
        return new AuditPage(items, newestFirst.Count > first,
            items.Count == 0 ? null : items[^1].Sequence.ToString(CultureInfo.InvariantCulture));
    }

    private static string? Cut(string? text, int max)
    {
        if (text is null || text.Length <= max)
            return text;
        var keep = max - 1;
        if (char.IsHighSurrogate(text[keep - 1]))
            keep--; // never split a character in two
        return string.Concat(text.AsSpan(0, keep), "…");
    }
}

/// <summary>The log in the SQLite or PostgreSQL database the silo uses (table <c>KompassAudit</c>).</summary>
public sealed class SqlAuditLog(DbDataSource dataSource) : IAuditLog
{
    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        var e = AuditLogRules.Normalize(entry);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, """
            INSERT INTO KompassAudit (KommuneId, At, Actor, Role, Operation, Target, Outcome, Changes)
            VALUES (@kommune, @at, @actor, @role, @operation, @target, @outcome, @changes)
            """, cancellationToken, ("kommune", e.KommuneId), ("at", e.At.ToUnixTimeMilliseconds()), ("actor", e.Actor), ("role", e.Role),
            ("operation", e.Operation), ("target", e.Target), ("outcome", e.Outcome), ("changes", e.Changes));
    }

    public async Task<AuditPage> ReadAsync(string kommuneId, int first, string? after, CancellationToken cancellationToken = default)
    {
        var below = AuditLogRules.Below(kommuneId, first, after);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var select = Command(connection, """
            SELECT Sequence, At, Actor, Role, Operation, Target, Outcome, Changes FROM KompassAudit
            WHERE KommuneId = @kommune AND Sequence < @below
            ORDER BY Sequence DESC LIMIT @limit
            """, ("kommune", kommuneId), ("below", below), ("limit", first + 1));
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var records = new List<AuditRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new AuditRecord(Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), new AuditEntry(kommuneId,
                DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture)),
                reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7))));
        }
        return AuditLogRules.Page(records, first);
    }

    public async Task<int> PurgeAsync(string kommuneId, CancellationToken cancellationToken = default)
    {
        AuditLogRules.CheckKommune(kommuneId);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await ExecuteAsync(connection, "DELETE FROM KompassAudit WHERE KommuneId = @kommune", cancellationToken, ("kommune", kommuneId));
    }
}

/// <summary>For the Memory storage provider: the log lives as long as the process, like its grain state.</summary>
public sealed class MemoryAuditLog : IAuditLog
{
    private readonly Dictionary<string, List<AuditRecord>> _logs = new(StringComparer.Ordinal);
    private long _sequence;

    public Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        var e = AuditLogRules.Normalize(entry);
        lock (_logs)
        {
            if (!_logs.TryGetValue(e.KommuneId, out var log))
                _logs[e.KommuneId] = log = [];
            log.Add(new AuditRecord(++_sequence, e)); // under the lock: each log stays in sequence order
        }
        return Task.CompletedTask;
    }

    public Task<AuditPage> ReadAsync(string kommuneId, int first, string? after, CancellationToken cancellationToken = default)
    {
        var below = AuditLogRules.Below(kommuneId, first, after);
        lock (_logs)
        {
            var records = _logs.TryGetValue(kommuneId, out var log)
                ? log.AsEnumerable().Reverse().Where(r => r.Sequence < below).Take(first + 1).ToList()
                : [];
            return Task.FromResult(AuditLogRules.Page(records, first));
        }
    }

    public Task<int> PurgeAsync(string kommuneId, CancellationToken cancellationToken = default)
    {
        AuditLogRules.CheckKommune(kommuneId);
        lock (_logs)
            return Task.FromResult(_logs.Remove(kommuneId, out var log) ? log.Count : 0);
    }
}
