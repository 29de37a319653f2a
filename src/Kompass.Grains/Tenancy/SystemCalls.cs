namespace Kompass.Grains.Tenancy;

public static class SystemCalls
{
    /// <summary>
    /// Runs a call to another grain as the service itself (a follower is told of a change, a benchmark loses
    /// an offboarded result), whoever's command caused it. Async-local: the caller's context is unchanged after.
    /// </summary>
    public static Task AsSystem(Func<Task> call) => AsSystem(async () => { await call(); return true; });

    public static async Task<T> AsSystem<T>(Func<Task<T>> call)
    {
        CallerContext.Principal = Principal.System;
        CallerContext.RequestKey = null;
        return await call();
    }
}
