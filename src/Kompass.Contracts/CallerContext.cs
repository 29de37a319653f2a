namespace Kompass.Contracts;

/// <summary>
/// Who is calling, carried in Orleans' RequestContext from the gateway to every grain the call reaches,
/// so that an amendment (and later the audit log and tenant checks) can name the caller.
/// </summary>
public static class CallerContext
{
    private const string ActorKey = "kompass.actor";
    private const string RequestKeyKey = "kompass.request-key";

    /// <summary>
    /// The client's Idempotency-Key, scoped to the caller: a grain that has applied a command under this
    /// key before answers it again without applying it twice (a retry after a lost answer).
    /// </summary>
    public static string? RequestKey
    {
        get => RequestContext.Get(RequestKeyKey) as string;
        set => RequestContext.Set(RequestKeyKey, value!);
    }

    public static string? Actor
    {
        get => RequestContext.Get(ActorKey) as string;
        set => RequestContext.Set(ActorKey, value!);
    }
}
