namespace Kompass.Domain.Evaluations;

/// <summary>
/// Orders evaluation ids of one kommune as they were handed out: <c>.../eval/2023-2</c> before
/// <c>.../eval/2023-10</c> (by year, then sequence number), where plain text order would not.
/// </summary>
public sealed class EvaluationIdOrder : IComparer<string>
{
    public static readonly EvaluationIdOrder Instance = new();

    public int Compare(string? x, string? y)
    {
        if (Parse(x) is { } a && Parse(y) is { } b && a.Prefix == b.Prefix)
        {
            var byNumber = (a.Year, a.Sequence).CompareTo((b.Year, b.Sequence));
            if (byNumber != 0)
                return byNumber;
        }
        return string.CompareOrdinal(x, y);
    }

    private static (string Prefix, int Year, int Sequence)? Parse(string? id)
    {
        var slash = id?.LastIndexOf('/') ?? -1;
        if (slash < 0)
            return null;
        var parts = id![(slash + 1)..].Split('-');
        return parts.Length == 2 && int.TryParse(parts[0], out var year) && int.TryParse(parts[1], out var sequence)
            ? (id[..slash], year, sequence)
            : null;
    }
}
