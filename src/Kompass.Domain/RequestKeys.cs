namespace Kompass.Domain;

/// <summary>
/// The request keys (a client's Idempotency-Key, scoped to the caller) a grain has applied, kept in its
/// state in the same write as the change: a retry whose first answer was lost is answered without being
/// applied twice, even when the process died before the gateway could store that answer.
/// </summary>
public static class RequestKeys
{
    /// <summary>The newest keys kept per grain: a client retries its last few requests, not hundreds.</summary>
    public const int Remembered = 50;

    public static bool Seen(IReadOnlyList<string> keys, string? key) => key is not null && keys.Contains(key);

    public static void Remember(List<string> keys, string? key)
    {
        if (key is null || keys.Contains(key))
            return;
        keys.Add(key);
        if (keys.Count > Remembered)
            keys.RemoveRange(0, keys.Count - Remembered);
    }
}
