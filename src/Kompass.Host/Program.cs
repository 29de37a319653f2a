using Kompass.Host;

// One process: an Orleans silo and the GraphQL gateway (see README). A configuration error stops
// start-up with one line naming the setting, not a stack trace.
if (args is [TokenCommand.Name, ..])
    return TokenCommand.Run(args[1..], Console.Out, Console.Error, DateTimeOffset.UtcNow);

try
{
    await KompassHost.Build(args).RunAsync();
    return 0;
}
catch (Exception e) when (StartupErrors.Describe(e) is { } message)
{
    Console.Error.WriteLine($"Kompass Cloud cannot start: {message}");
    return 2;
}
catch (OperationCanceledException)
{
    // Stopped (SIGTERM, Ctrl+C) before start-up finished, e.g. while still joining the cluster.
    Console.Error.WriteLine("Kompass Cloud was stopped before it had started.");
    return 1;
}

/// <summary>Visible to the gateway tests' WebApplicationFactory.</summary>
public partial class Program;
