using System.Net;
using System.Net.Sockets;

namespace Kompass.Testing;

/// <summary>Free TCP ports on the loopback interface (for silo and gateway ports in tests).</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
