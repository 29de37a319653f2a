using Azure.Data.Tables;

namespace Kompass.Storage;

/// <summary>
/// Creates a Kompass table (idempotency answers, audit log) on first use: the start-up account check only
/// proves the table service answers, and each store owns its table.
/// </summary>
internal sealed class TableCreation(TableClient table)
{
    private bool _created; // a lost race only repeats CreateIfNotExists, which is harmless

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (_created)
            return;
        await table.CreateIfNotExistsAsync(cancellationToken);
        _created = true;
    }
}
