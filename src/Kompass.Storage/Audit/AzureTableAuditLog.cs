using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace Kompass.Storage.Audit;

/// <summary>
/// The log on Azure Table storage (table <c>KompassAudit</c>): partition = kommune, row = the sequence
/// inverted and zero-padded (19 digits), so the table's own key order is newest first and a page is one
/// range query. Each partition keeps its last sequence in a counter row (<see cref="CounterRow"/>, which
/// sorts after every entry); an append writes the counter, checked by its ETag, and the entry in one
/// entity group transaction, so concurrent appends never share a sequence nor leave a gap, and a loser
/// simply tries again with the next number.
/// </summary>
public sealed class AzureTableAuditLog(TableClient table) : IAuditLog
{
    public const string TableName = "KompassAudit";
    internal const string CounterRow = "sequence";
    private const string LastProperty = "Last";

    private readonly TableCreation _creation = new(table);

    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        var e = AuditLogRules.Normalize(entry);
        await _creation.EnsureAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var counter = await table.GetEntityIfExistsAsync<TableEntity>(e.KommuneId, CounterRow, cancellationToken: cancellationToken);
            var last = counter.HasValue ? counter.Value!.GetInt64(LastProperty) ?? 0 : 0;
            var next = new TableEntity(e.KommuneId, CounterRow) { [LastProperty] = last + 1 };
            TableTransactionAction[] actions =
            [
                counter.HasValue
                    ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, next, counter.Value!.ETag)
                    : new TableTransactionAction(TableTransactionActionType.Add, next),
                new TableTransactionAction(TableTransactionActionType.Add, ToEntity(last + 1, e)),
            ];
            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < 100)
            {
                // Another append took the number: back off a little (growing, with jitter) and take the next.
                await Task.Delay(Random.Shared.Next(5, 10 + 5 * Math.Min(attempt, 20)), cancellationToken);
            }
        }
    }

    public async Task<AuditPage> ReadAsync(string kommuneId, int first, string? after, CancellationToken cancellationToken = default)
    {
        var below = AuditLogRules.Below(kommuneId, first, after);
        await _creation.EnsureAsync(cancellationToken);
        // Entries older than the cursor have larger row keys; the counter row sorts after them all.
        var from = below == long.MaxValue ? "" : RowKey(below);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {kommuneId} and RowKey gt {from} and RowKey lt {CounterRow}");
        var records = new List<AuditRecord>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: first + 1, cancellationToken: cancellationToken))
        {
            records.Add(ToRecord(entity));
            if (records.Count > first)
                break;
        }
        return AuditLogRules.Page(records, first);
    }

    public async Task<int> PurgeAsync(string kommuneId, CancellationToken cancellationToken = default)
    {
        AuditLogRules.CheckKommune(kommuneId);
        await _creation.EnsureAsync(cancellationToken);
        var rows = new List<string>();
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {kommuneId}"),
                           select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
            rows.Add(entity.RowKey);
        // The counter goes too: it names the kommune. A transaction holds at most 100 actions.
        foreach (var batch in rows.Chunk(100))
            await table.SubmitTransactionAsync(
                batch.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(kommuneId, row), ETag.All)),
                cancellationToken);
        return rows.Count(row => row != CounterRow);
    }

    internal static string RowKey(long sequence) => (long.MaxValue - sequence).ToString("D19", CultureInfo.InvariantCulture);

    private static TableEntity ToEntity(long sequence, AuditEntry e) => new(e.KommuneId, RowKey(sequence))
    {
        ["Sequence"] = sequence,
        ["At"] = e.At,
        ["Actor"] = e.Actor,
        ["Role"] = e.Role,
        ["Operation"] = e.Operation,
        ["Target"] = e.Target,
        ["Outcome"] = e.Outcome,
        ["Changes"] = e.Changes,
    };

    private static AuditRecord ToRecord(TableEntity e) => new(e.GetInt64("Sequence") ?? 0, new AuditEntry(e.PartitionKey,
        e.GetDateTimeOffset("At") ?? default, e.GetString("Actor") ?? "", e.GetString("Role") ?? "", e.GetString("Operation") ?? "",
        e.GetString("Target") ?? "", e.GetString("Outcome") ?? "", e.GetString("Changes")));
}
