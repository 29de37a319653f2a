using System.Diagnostics;

namespace Kompass.Host;

/// <summary>
/// Orleans 10.4.2's watchdog measures "participant check thread has not completed for X" from a
/// timestamp that starts at zero, so its first check may report the machine's uptime (hours, days) as a
/// stall: a false alarm at every start. No stall of this process can be longer than the process has
/// run, so a watchdog report longer than that is dropped; every real stall is still logged.
/// </summary>
internal static class WatchdogFalseAlarm
{
    public const string Category = "Orleans.Runtime.Watchdog";
    private static readonly DateTime ProcessStarted = Process.GetCurrentProcess().StartTime.ToUniversalTime();

    /// <summary>Wraps every registered logger provider so that the false report never reaches it.</summary>
    public static void Quiet(IServiceCollection services)
    {
        for (var i = 0; i < services.Count; i++)
        {
            var descriptor = services[i];
            if (descriptor.ServiceType != typeof(ILoggerProvider) || descriptor.IsKeyedService)
                continue;
            services[i] = ServiceDescriptor.Singleton<ILoggerProvider>(sp => new Provider(Create(sp, descriptor)));
        }
    }

    /// <summary>True for a watchdog report of a stall longer than this process has been running.</summary>
    public static bool IsFalseAlarm<TState>(string category, TState state, DateTime now) =>
        category == Category
        && state is IReadOnlyList<KeyValuePair<string, object?>> values
        && values.Any(v => v.Key == "TimeSinceLastTick" && v.Value is TimeSpan stalled && stalled > now - ProcessStarted);

    private static ILoggerProvider Create(IServiceProvider services, ServiceDescriptor descriptor) =>
        (ILoggerProvider)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));

    private sealed class Provider(ILoggerProvider inner) : ILoggerProvider, ISupportExternalScope
    {
        public ILogger CreateLogger(string categoryName) =>
            categoryName == Category ? new Logger(inner.CreateLogger(categoryName)) : inner.CreateLogger(categoryName);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => (inner as ISupportExternalScope)?.SetScopeProvider(scopeProvider);

        public void Dispose() => inner.Dispose();
    }

    private sealed class Logger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsFalseAlarm(Category, state, DateTime.UtcNow))
                inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
