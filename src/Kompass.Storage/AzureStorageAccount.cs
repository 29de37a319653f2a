using Azure;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;

namespace Kompass.Storage;

/// <summary>
/// The start-up check of the AzureStorage provider, its counterpart of the SQL migrator: before Orleans
/// starts, the grain state container is created if missing and the table service is asked for a table,
/// with short retries, so a wrong key, an unreachable endpoint or a missing role assignment stops
/// start-up with one line naming the setting instead of failing every grain call later.
/// </summary>
public static class AzureStorageAccount
{
    /// <summary>Total time the check may take.</summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Creates the container if needed and checks both services answer.</summary>
    /// <exception cref="StorageConfigurationException">The account cannot be used.</exception>
    public static async Task PrepareAsync(AzureStorageSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CheckTimeout);

        var blobs = settings.CreateBlobServiceClient(Configure(new BlobClientOptions()));
        var tables = settings.CreateTableServiceClient(Configure(new TableClientOptions()));
        try
        {
            await blobs.GetBlobContainerClient(settings.ContainerName).CreateIfNotExistsAsync(cancellationToken: timeout.Token).ConfigureAwait(false);
            await foreach (var _ in tables.QueryAsync(maxPerPage: 1, cancellationToken: timeout.Token).ConfigureAwait(false))
            {
                break;
            }
        }
        catch (Exception ex) when (ex is RequestFailedException or AggregateException or AuthenticationFailedException
                                       or OperationCanceledException or HttpRequestException or InvalidOperationException)
        {
            var reason = ex is OperationCanceledException && !cancellationToken.IsCancellationRequested
                ? $"no answer within {CheckTimeout.TotalSeconds:0} s"
                : Reason(ex);
            throw new StorageConfigurationException(settings.Setting,
                $"{settings.Setting}: cannot use Azure Storage at {blobs.Uri.GetLeftPart(UriPartial.Path).TrimEnd('/')}: {reason}", ex);
        }
    }

    /// <summary>Client options for checks: two quick retries and a short network timeout.</summary>
    internal static T Configure<T>(T options) where T : ClientOptions
    {
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(300);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
        return options;
    }

    private static string Reason(Exception ex)
    {
        var inner = ex;
        while (inner is AggregateException { InnerExceptions.Count: > 0 } aggregate)
        {
            inner = aggregate.InnerExceptions[^1];
        }

        var text = inner switch
        {
            RequestFailedException { Status: > 0 } r => $"HTTP {r.Status} {r.ErrorCode}",
            _ => (inner.InnerException ?? inner).Message,
        };
        var line = text.Split('\n', 2)[0].Trim();
        return line.Length > 300 ? line[..300] : line;
    }
}
