using Kompass.Domain;
using Kompass.Domain.Tenancy;

namespace Kompass.Grains.Tenancy;

/// <summary>
/// The second depth of tenancy: every call to a Kompass grain is checked against the caller carried in the
/// request context, whatever path it came by (the gateway, another grain, a client on the gateway port), so
/// a gap in the gateway's rules is still refused here. A call without a caller is refused; reminders and
/// timers come from the runtime and run as <see cref="Principal.System"/>, as does what they call.
/// Runs inside <see cref="DomainErrorFilter"/>, after an unsaved activation has read its state back.
/// </summary>
public sealed class TenancyFilter : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.TargetContext.GrainInstance?.GetType().Assembly != typeof(TenancyFilter).Assembly)
            return context.Invoke(); // Orleans' own grains (membership, reminders, management)

        if (IsFromTheRuntime(context.InterfaceMethod.DeclaringType))
        {
            CallerContext.Principal = Principal.System;
            return context.Invoke();
        }
        var caller = CallerContext.Principal
            ?? throw Access.Unauthenticated($"calling {context.InterfaceMethod.DeclaringType?.Name}.{context.InterfaceMethod.Name}");
        if (context.TargetContext.GrainInstance is not IAuthorizedGrain grain)
            throw new DomainException(ErrorKind.Forbidden, $"{context.TargetContext.GrainInstance?.GetType().Name} has no access rules: refused.");
        grain.Authorize(caller, context.InterfaceMethod.Name);
        return context.Invoke();
    }

    /// <summary>
    /// A reminder tick, or a grain timer's callback (Orleans runs it as a call through the filters, on an internal
    /// interface): made by the silo for the grain itself, never by a client.
    /// </summary>
    private static bool IsFromTheRuntime(Type? declaringType) =>
        declaringType == typeof(IRemindable) || declaringType?.FullName == "Orleans.Runtime.IGrainTimerInvoker";
}
