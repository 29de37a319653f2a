using Kompass.Domain.Kommuner;

namespace Kompass.Domain.Strategies;

/// <summary>Strategy ids live under their kommune like evaluation ids: <c>NO-5034/strategy/2023-1</c>.</summary>
public static class StrategyIds
{
    private const string Segment = "/strategy/";

    public static string Format(string kommuneId, int year, int sequence) => $"{kommuneId}{Segment}{year}-{sequence}";

    /// <summary>Has the shape of a strategy id under a valid kommune id (whether it exists is the grain's business).</summary>
    public static bool IsWellFormed(string? id)
    {
        if (id is null || !id.Contains(Segment, StringComparison.Ordinal) || !KommuneId.TryParse(id.Split('/')[0], out _))
            return false;
        var parts = id[(id.IndexOf(Segment, StringComparison.Ordinal) + Segment.Length)..].Split('-');
        return parts.Length == 2 && parts[0].Length == 4 && parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit));
    }
}
