using System.Globalization;

namespace Kompass.Host;

/// <summary>A host setting (outside storage) that cannot work; the message names it, in one line.</summary>
public sealed class HostSettingException(string setting, string message) : Exception(message)
{
    public string Setting { get; } = setting;
}

/// <summary>
/// Waits out the drain period (<see cref="HostSettings.ShutdownDrain"/>) when a stop begins, before any
/// service stops: the gateway keeps answering while readiness already fails.
/// </summary>
internal sealed class ShutdownDrain(TimeSpan drain) : IHostedLifecycleService
{
    public Task StoppingAsync(CancellationToken cancellationToken) => drain > TimeSpan.Zero ? Task.Delay(drain, cancellationToken) : Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>The host's own settings: shutdown and the dashboard.</summary>
public static class HostSettings
{
    public const string ShutdownTimeoutKey = "Kompass:Shutdown:TimeoutSeconds";
    public const int DefaultShutdownTimeoutSeconds = 30;
    public const string ShutdownDrainKey = "Kompass:Shutdown:DrainSeconds";
    public const string DashboardEnabledKey = "Kompass:Dashboard:Enabled";
    public const string DashboardPath = "/dashboard";
    public const string KubernetesKey = "Kompass:Cluster:Kubernetes";
    public const string DemoClockStartKey = "Kompass:Demo:Clock:Start";
    public const string DemoClockSpeedKey = "Kompass:Demo:Clock:Speed";
    public const double MaxDemoClockSpeed = 1_000_000;

    /// <summary>
    /// The Orleans Dashboard (grains, silos, calls; no login of its own) at /dashboard: on in Development,
    /// off elsewhere unless <c>Kompass:Dashboard:Enabled=true</c>. Expose it only where platform
    /// administrators alone can reach it (and behind their login once tenancy lands).
    /// </summary>
    public static bool DashboardEnabled(IConfiguration config, IHostEnvironment environment) =>
        Flag(config, DashboardEnabledKey, environment.IsDevelopment());

    /// <summary>
    /// Kubernetes hosting (Microsoft.Orleans.Hosting.Kubernetes): the silo takes its name and address
    /// from the pod (POD_NAME, POD_IP, POD_NAMESPACE) and removes silos whose pods are gone. Membership
    /// itself stays in the configured store. Off unless <c>Kompass:Cluster:Kubernetes=true</c>.
    /// </summary>
    public static bool Kubernetes(IConfiguration config) => Flag(config, KubernetesKey, false);

    /// <summary>
    /// The demo clock of strategies: from <c>Kompass:Demo:Clock:Start</c> (a date or an instant; default now)
    /// at <c>Kompass:Demo:Clock:Speed</c> times real time (86400: a day per second), so a new user can watch a
    /// strategy's years pass. Development only: it would make every due date and report wrong in a real
    /// service, so anywhere else either setting stops start-up. Null when neither is set.
    /// </summary>
    public static (DateTimeOffset? Start, double Speed)? DemoClock(IConfiguration config, IHostEnvironment environment)
    {
        var start = config[DemoClockStartKey];
        var speed = config[DemoClockSpeedKey];
        if (string.IsNullOrWhiteSpace(start) && string.IsNullOrWhiteSpace(speed))
            return null;
        if (!environment.IsDevelopment())
            throw new HostSettingException(string.IsNullOrWhiteSpace(start) ? DemoClockSpeedKey : DemoClockStartKey,
                $"{(string.IsNullOrWhiteSpace(start) ? DemoClockSpeedKey : DemoClockStartKey)} is for trying the service out: it is refused outside Development (environment {environment.EnvironmentName})");
        DateTimeOffset? at = null;
        if (!string.IsNullOrWhiteSpace(start))
            at = DateTimeOffset.TryParse(start.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                ? parsed
                : throw new HostSettingException(DemoClockStartKey, $"{DemoClockStartKey}='{start}' is not a date such as 2027-01-01");
        var factor = 1.0;
        if (!string.IsNullOrWhiteSpace(speed)
            && !(double.TryParse(speed.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out factor) && factor >= 1 && factor <= MaxDemoClockSpeed))
            throw new HostSettingException(DemoClockSpeedKey, $"{DemoClockSpeedKey}='{speed}' is not a speed of 1-{MaxDemoClockSpeed:0} times real time");
        return (at, factor);
    }

    private static bool Flag(IConfiguration config, string key, bool fallback)
    {
        var value = config[key];
        if (string.IsNullOrWhiteSpace(value))
            return fallback;
        return bool.TryParse(value.Trim(), out var flag)
            ? flag
            : throw new HostSettingException(key, $"{key}='{value}' is not true or false");
    }

    /// <summary>
    /// How long a stop (SIGTERM, Ctrl+C) may take: the gateway finishes the requests in flight, then the
    /// silo deactivates its grains and leaves the cluster. Keep it below the orchestrator's grace period
    /// (Kubernetes: terminationGracePeriodSeconds, 30 s by default).
    /// </summary>
    public static TimeSpan ShutdownTimeout(IConfiguration config) => Seconds(config, ShutdownTimeoutKey, DefaultShutdownTimeoutSeconds, min: 1);

    /// <summary>
    /// How long, after a stop begins, the gateway still takes requests while /health/ready already fails,
    /// so that load balancers (a Kubernetes Service's endpoints) stop sending before the port closes.
    /// 0 (the default) closes the port at once; the Kubernetes manifests set 5. Counts within the timeout.
    /// </summary>
    public static TimeSpan ShutdownDrain(IConfiguration config)
    {
        var drain = Seconds(config, ShutdownDrainKey, 0, min: 0);
        return drain < ShutdownTimeout(config)
            ? drain
            : throw new HostSettingException(ShutdownDrainKey, $"{ShutdownDrainKey}={drain.TotalSeconds} must be shorter than {ShutdownTimeoutKey}={ShutdownTimeout(config).TotalSeconds}");
    }

    private static TimeSpan Seconds(IConfiguration config, string key, int fallback, int min)
    {
        var value = config[key];
        if (string.IsNullOrWhiteSpace(value))
            return TimeSpan.FromSeconds(fallback);
        return int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds >= min && seconds <= 3600
            ? TimeSpan.FromSeconds(seconds)
            : throw new HostSettingException(key, $"{key}='{value}' is not a number of seconds ({min}-3600)");
    }
}
