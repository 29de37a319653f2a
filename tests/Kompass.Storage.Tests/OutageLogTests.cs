using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Kompass.Storage.Tests;

/// <summary>An outage is logged once, then summarised per interval, then ended: not a line per failure.</summary>
public sealed class OutageLogTests
{
    private sealed class Lines : ILogger
    {
        public List<(LogLevel Level, string Text, Exception? Exception)> Written { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Written.Add((logLevel, formatter(state, exception), exception));
    }

    private readonly Lines _lines = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero));

    private OutageLog Log(bool withStackTrace = true) => new(_lines, _time, "Storage operations", withStackTrace);

    [Fact]
    public void A_thousand_failures_in_a_minute_are_three_lines_and_the_end_is_a_fourth()
    {
        var log = Log();
        for (var i = 0; i < 1000; i++)
        {
            log.Failed(new TimeoutException($"attempt {i}"));
            _time.Advance(TimeSpan.FromMilliseconds(61));
        }
        log.Succeeded();

        Assert.Equal(4, _lines.Written.Count);
        Assert.All(_lines.Written, l => Assert.Equal(LogLevel.Warning, l.Level));
        Assert.Contains("are failing: TimeoutException: attempt 0", _lines.Written[0].Text);
        Assert.IsType<TimeoutException>(_lines.Written[0].Exception);
        Assert.Contains("more failures in the last 30 s", _lines.Written[1].Text);
        Assert.Null(_lines.Written[1].Exception);
        Assert.Contains("stopped after 1000", _lines.Written[3].Text);
        Assert.Contains("attempt 999", _lines.Written[3].Text);
        Assert.False(log.InOutage);
    }

    [Fact]
    public void A_quiet_spell_ends_an_outage_where_nobody_reports_success()
    {
        var log = Log(withStackTrace: false);
        log.Failed(new TimeoutException("first"));
        _time.Advance(TimeSpan.FromMinutes(5));

        log.Failed(new TimeoutException("second"));

        Assert.Equal(3, _lines.Written.Count);
        Assert.Null(_lines.Written[0].Exception);
        Assert.Contains("stopped after 1", _lines.Written[1].Text);
        Assert.Contains("are failing: TimeoutException: second", _lines.Written[2].Text);
    }

    [Fact]
    public void Success_outside_an_outage_logs_nothing()
    {
        Log().Succeeded();

        Assert.Empty(_lines.Written);
    }
}
