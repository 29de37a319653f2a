using System.Runtime.InteropServices;

namespace Kompass.Testing;

/// <summary>POSIX signals to a child process (what an orchestrator or <c>kill</c> sends).</summary>
public static class Signals
{
    public const int SigTerm = 15;
    public const int SigInt = 2;

    /// <summary>Sends <paramref name="signal"/> to process <paramref name="pid"/>; false if it is gone.</summary>
    public static bool Send(int pid, int signal) => Kill(pid, signal) == 0;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int sig);
}
