namespace Kompass.Storage;

/// <summary>
/// Storage or cluster configuration that cannot work: an unknown provider, a data folder that cannot be
/// created or written, an unreachable PostgreSQL server, a malformed port. The message is one line that
/// names the setting (for example <c>Kompass:Storage:Sqlite:Path</c>) and says what is wrong, so a host
/// can print <see cref="Exception.Message"/> alone and exit.
/// </summary>
public sealed class StorageConfigurationException : Exception
{
    public StorageConfigurationException(string setting, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Setting = setting;
    }

    /// <summary>The configuration key at fault, e.g. <c>Kompass:Storage:Provider</c>.</summary>
    public string Setting { get; }
}
