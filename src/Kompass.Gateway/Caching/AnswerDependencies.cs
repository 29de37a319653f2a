using Kompass.Contracts.Evaluations;

namespace Kompass.Gateway.Caching;

/// <summary>
/// Sees every grain call a request makes (an outgoing call filter runs on the caller's flow): a read of a
/// published evaluation is one the answer may be cached on (the evaluation revokes it before it changes); any
/// other call, or a failed one, means the answer read something that is not leased and must not be kept.
/// </summary>
public sealed class AnswerDependencies : IOutgoingGrainCallFilter
{
    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        if (AnswerCache.Reads is not { } reads)
        {
            await context.Invoke();
            return;
        }
        var leased = false;
        try
        {
            await context.Invoke();
            leased = context.InterfaceMethod?.DeclaringType == typeof(IEvaluationGrain) && context.InterfaceMethod.Name == nameof(IEvaluationGrain.Get)
                && context.Result is EvaluationView { Status: EvaluationStatus.Published };
        }
        finally
        {
            if (leased)
                reads.Read(context.TargetId.Key.ToString()!);
            else
                reads.ReadOther();
        }
    }
}
