using System.Globalization;

namespace Kompass.Host;

/// <summary>A host setting (outside storage) that cannot work; the message names it, in one line.</summary>
public sealed class HostSettingException(string setting, string message) : Exception(message)
{
    public string Setting { get; } = setting;
}

/// <summary>The host's own settings: shutdown and the dashboard.</summary>
public static class HostSettings
{
    public const string ShutdownTimeoutKey = "Kompass:Shutdown:TimeoutSeconds";
    public const int DefaultShutdownTimeoutSeconds = 30;

    /// <summary>
    /// How long a stop (SIGTERM, Ctrl+C) may take: the gateway finishes the requests in flight, then the
    /// silo deactivates its grains and leaves the cluster. Keep it below the orchestrator's grace period
    /// (Kubernetes: terminationGracePeriodSeconds, 30 s by default).
    /// </summary>
    public static TimeSpan ShutdownTimeout(IConfiguration config)
    {
        var value = config[ShutdownTimeoutKey];
        if (string.IsNullOrWhiteSpace(value))
            return TimeSpan.FromSeconds(DefaultShutdownTimeoutSeconds);
        return int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and <= 3600
            ? TimeSpan.FromSeconds(seconds)
            : throw new HostSettingException(ShutdownTimeoutKey, $"{ShutdownTimeoutKey}='{value}' is not a number of seconds (1-3600)");
    }
}
