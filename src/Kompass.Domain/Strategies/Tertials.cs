namespace Kompass.Domain.Strategies;

/// <summary>The tertials (Jan-Apr, May-Aug, Sep-Dec) Norwegian and Swedish kommuner report by.</summary>
public static class Tertials
{
    public static int NumberOf(DateOnly date) => (date.Month - 1) / 4 + 1;

    public static DateOnly StartOf(DateOnly date) => new(date.Year, (NumberOf(date) - 1) * 4 + 1, 1);

    /// <summary>30 April, 31 August or 31 December.</summary>
    public static DateOnly EndOf(DateOnly date) => StartOf(date).AddMonths(4).AddDays(-1);

    public static bool IsEnd(DateOnly date) => EndOf(date) == date;
}
