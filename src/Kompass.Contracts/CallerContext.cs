namespace Kompass.Contracts;

/// <summary>
/// Who is calling, carried in Orleans' RequestContext from the gateway to every grain the call reaches,
/// so that an amendment (and later the audit log and tenant checks) can name the caller.
/// </summary>
public static class CallerContext
{
    private const string ActorKey = "kompass.actor";

    public static string? Actor
    {
        get => RequestContext.Get(ActorKey) as string;
        set => RequestContext.Set(ActorKey, value!);
    }
}
