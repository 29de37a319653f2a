using Kompass.Contracts;
using Kompass.Domain.Tenancy;

namespace Kompass.Testing;

/// <summary>
/// Test clients call grains as the system identity unless the test sets a caller: grain tests are about
/// behaviour, and tenancy tests set the caller they mean. Production clients (the gateway) always set one.
/// </summary>
public sealed class SystemCallerByDefault : IOutgoingGrainCallFilter
{
    public Task Invoke(IOutgoingGrainCallContext context)
    {
        CallerContext.Principal ??= Principal.System;
        return context.Invoke();
    }
}
