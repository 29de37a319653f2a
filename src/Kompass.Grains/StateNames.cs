namespace Kompass.Grains;

/// <summary>
/// The state name of each grain class. The ADO.NET provider keys state by grain key and state name
/// only, so two classes sharing a name and a key would overwrite each other: every class has its own.
/// </summary>
public static class StateNames
{
    public const string Storage = "kompass";
    public const string Kommune = "kommune";
    public const string KommuneDirectory = "kommune-directory";
    public const string Evaluation = "evaluation";
    public const string Benchmark = "benchmark";
    public const string Analytics = "analytics";
    public const string Strategy = "strategy";
    public const string FollowUp = "follow-up";
    public const string Inbox = "inbox";
    public const string StrategyReports = "strategy-reports";
    public const string HistoryPage = "history-page";

    // The journals of the grains stored as snapshot + journal (SnapshotJournal): a state of their own beside the snapshot's.
    public const string KommuneDirectoryJournal = "kommune-directory-journal";
    public const string BenchmarkJournal = "benchmark-journal";
    public const string AnalyticsJournal = "analytics-journal";
}
