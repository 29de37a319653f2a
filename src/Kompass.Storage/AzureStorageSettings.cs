using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;

namespace Kompass.Storage;

/// <summary>
/// Where the AzureStorage provider keeps its data: one storage account, reached either by connection
/// string (<c>Kompass:Storage:AzureStorage:ConnectionString</c>; Azurite's too) or by the blob and table
/// service URIs with Azure.Identity's <see cref="DefaultAzureCredential"/> (a managed identity in
/// production, no secret in configuration). Checked without I/O by <see cref="FromConfiguration"/>;
/// reachability is checked by <see cref="AzureStorageAccount.PrepareAsync"/>.
/// </summary>
public sealed class AzureStorageSettings
{
    /// <summary>The connection string; null when the service URIs are used. Contains secrets: never log it.</summary>
    public string? ConnectionString { get; init; }

    public Uri? BlobServiceUri { get; init; }

    public Uri? TableServiceUri { get; init; }

    /// <summary>The blob container that holds grain state.</summary>
    public string ContainerName { get; init; } = KompassStorageSettings.DefaultAzureContainerName;

    /// <summary>The setting that names the account, for error messages.</summary>
    public string Setting => ConnectionString is not null ? KompassStorageSettings.AzureConnectionStringKey : KompassStorageSettings.AzureBlobServiceUriKey;

    /// <summary>A blob client for the account. <paramref name="options"/> sets retries and timeouts.</summary>
    public BlobServiceClient CreateBlobServiceClient(BlobClientOptions? options = null) =>
        ConnectionString is not null
            ? new BlobServiceClient(ConnectionString, options)
            : new BlobServiceClient(BlobServiceUri!, Credential.Value, options);

    /// <summary>A table client for the account (membership and reminders).</summary>
    public TableServiceClient CreateTableServiceClient(TableClientOptions? options = null) =>
        ConnectionString is not null
            ? new TableServiceClient(ConnectionString, options)
            : new TableServiceClient(TableServiceUri!, Credential.Value, options);

    // One credential per process: DefaultAzureCredential caches its token.
    private static readonly Lazy<TokenCredential> Credential = new(() => new DefaultAzureCredential());

    /// <summary>The endpoints, without keys or SAS tokens.</summary>
    public override string ToString()
    {
        try
        {
            var blob = CreateBlobServiceClient().Uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
            var table = CreateTableServiceClient().Uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
            var how = ConnectionString is not null ? $"connection string from {Setting}" : "DefaultAzureCredential";
            return $"blobs {blob} (container '{ContainerName}'), tables {table}, {how}";
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            return "(unparsable account settings)";
        }
    }

    internal static AzureStorageSettings FromConfiguration(IConfiguration configuration)
    {
        const string csKey = KompassStorageSettings.AzureConnectionStringKey;
        const string blobKey = KompassStorageSettings.AzureBlobServiceUriKey;
        const string tableKey = KompassStorageSettings.AzureTableServiceUriKey;

        var connectionString = Trimmed(configuration[csKey]);
        var blobUri = ParseUri(configuration[blobKey], blobKey);
        var tableUri = ParseUri(configuration[tableKey], tableKey);
        var container = ParseContainerName(configuration[KompassStorageSettings.AzureContainerNameKey]);

        if (connectionString is not null)
        {
            var settings = new AzureStorageSettings { ConnectionString = connectionString, ContainerName = container };
            try
            {
                _ = settings.CreateBlobServiceClient();
                _ = settings.CreateTableServiceClient();
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException or UriFormatException)
            {
                // Do not echo the value: it holds the account key.
                throw new StorageConfigurationException(csKey, $"{csKey} is not a valid Azure Storage connection string: {ex.Message}", ex);
            }

            return settings;
        }

        if (blobUri is null && tableUri is null)
        {
            throw new StorageConfigurationException(csKey,
                $"{csKey} is not set (nor {blobKey} and {tableKey} for a managed identity), and {KompassStorageSettings.ProviderKey} is AzureStorage");
        }

        if (blobUri is null || tableUri is null)
        {
            var missing = blobUri is null ? blobKey : tableKey;
            throw new StorageConfigurationException(missing,
                $"{missing} is not set: with a managed identity give both {blobKey} and {tableKey} (or {csKey} instead)");
        }

        return new AzureStorageSettings { BlobServiceUri = blobUri, TableServiceUri = tableUri, ContainerName = container };
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static Uri? ParseUri(string? value, string key)
    {
        if (Trimmed(value) is not { } text)
        {
            return null;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http")
        {
            return uri;
        }

        throw new StorageConfigurationException(key, $"{key}='{text}' is not an http(s) URI such as https://myaccount.blob.core.windows.net");
    }

    // Azure's rule: 3-63 characters, lowercase letters, digits and single hyphens, starting and ending
    // with a letter or digit.
    private static string ParseContainerName(string? value)
    {
        const string key = KompassStorageSettings.AzureContainerNameKey;
        if (Trimmed(value) is not { } name)
        {
            return KompassStorageSettings.DefaultAzureContainerName;
        }

        var valid = name.Length is >= 3 and <= 63
            && name.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-')
            && name[0] != '-' && name[^1] != '-'
            && !name.Contains("--", StringComparison.Ordinal);
        return valid
            ? name
            : throw new StorageConfigurationException(key,
                $"{key}='{name}' is not a blob container name (3-63 lowercase letters, digits and single hyphens)");
    }
}
