using System.Diagnostics.Metrics;
using Kompass.Contracts;

namespace Kompass.Gateway.Http;

/// <summary>
/// <c>kompass.graphql.errors</c> on the <c>Kompass</c> meter: every error the endpoint answers, by its
/// <c>extensions.code</c>, so an operator can tell a wave of VALIDATION_ERROR from one of UNAVAILABLE.
/// </summary>
internal static class GatewayMetrics
{
    private static readonly Meter Meter = new("Kompass");
    private static readonly Counter<long> Errors = Meter.CreateCounter<long>("kompass.graphql.errors", "{error}", "Errors answered, by code.");

    public static void Error(string? code) => Errors.Add(1, new KeyValuePair<string, object?>("code", code ?? ErrorCodes.Internal));
}
