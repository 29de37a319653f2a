using System.Security.Cryptography;
using System.Text;
using GraphQL;
using GraphQL.Transport;
using Kompass.Contracts;
using Kompass.Storage;
using Kompass.Storage.Idempotency;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Kompass.Gateway.Http;

/// <summary>
/// The <c>Idempotency-Key</c> header (IETF httpapi draft) on a POST: the first request with a key runs and
/// its answer is stored; a repeat from the same caller with the same request gets that answer again
/// (with <c>Idempotent-Replayed: true</c>) without anything being applied twice, after a restart or on
/// another silo too; the same key with another request is 422 IDEMPOTENCY_KEY_REUSED; while the first
/// is still running a repeat is 409 IDEMPOTENCY_KEY_IN_USE. Answers that say "retry" (UNAVAILABLE,
/// INTERNAL_ERROR) are not kept, so the retry runs again.
/// </summary>
internal static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxLength = 255;

    /// <summary>Runs <paramref name="execute"/> under the request's key, or directly when it has none.</summary>
    public static async Task HandleAsync(HttpContext http, GraphQLRequest request, string responseType, string? actor,
        IGraphQLTextSerializer serializer, Func<string?, Task<bool>> execute)
    {
        if (http.Request.Headers[Header] is not { Count: > 0 } header)
        {
            await execute(null);
            return;
        }
        var key = header[0] ?? "";
        if (header.Count > 1 || key.Length is 0 or > MaxLength || key.Any(c => c is < '!' or > '~'))
        {
            await GraphQLEndpoint.WriteRequestError(http, StatusCodes.Status400BadRequest, responseType, "INVALID_IDEMPOTENCY_KEY",
                $"Send one {Header} of 1-{MaxLength} visible ASCII characters (a UUID, say).");
            return;
        }

        var store = http.RequestServices.GetRequiredService<IdempotencyStore>();
        var options = http.RequestServices.GetRequiredService<IOptions<IdempotencyOptions>>().Value;
        var time = http.RequestServices.GetRequiredService<TimeProvider>();
        var scope = Hash(actor ?? "");
        var fingerprint = Hash(serializer.Serialize(new { request.Query, request.OperationName, request.Variables }));
        IdempotencyClaim claim;
        try
        {
            claim = await store.ClaimAsync(scope, key, fingerprint, time.GetUtcNow(), options, http.RequestAborted);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            http.RequestServices.GetRequiredKeyedService<OutageLog>(GatewayServiceCollectionExtensions.UnavailableAnswers).Failed(e);
            var unavailable = ErrorCodes.UnavailableError();
            await GraphQLEndpoint.WriteRequestError(http, StatusCodes.Status503ServiceUnavailable, responseType, unavailable.Code,
                unavailable.Message, retryable: true);
            return;
        }

        switch (claim.Outcome)
        {
            case IdempotencyOutcome.Answered:
                http.Response.StatusCode = claim.Answer!.StatusCode;
                http.Response.ContentType = claim.Answer.ContentType;
                http.Response.Headers[ReplayedHeader] = "true";
                await http.Response.Body.WriteAsync(claim.Answer.Body, http.RequestAborted);
                return;
            case IdempotencyOutcome.KeyReused:
                await GraphQLEndpoint.WriteRequestError(http, StatusCodes.Status422UnprocessableEntity, responseType, "IDEMPOTENCY_KEY_REUSED",
                    $"This {Header} was used for a different request: use a new key for a new request.");
                return;
            case IdempotencyOutcome.InProgress:
                await GraphQLEndpoint.WriteRequestError(http, StatusCodes.Status409Conflict, responseType, "IDEMPOTENCY_KEY_IN_USE",
                    $"A request with this {Header} is still running: wait for it, then send it again for its answer.", retryable: true);
                return;
        }

        // Buffer the answer so it can be stored as well as sent.
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        bool saysRetry;
        try
        {
            saysRetry = await execute(Hash($"{scope}\n{key}"));
        }
        finally
        {
            http.Response.Body = original;
        }
        var body = buffer.ToArray();
        try
        {
            if (saysRetry)
                await store.ForgetAsync(scope, key, CancellationToken.None);
            else
                await store.CompleteAsync(scope, key, new IdempotentAnswer(http.Response.StatusCode, http.Response.ContentType ?? responseType, body),
                    CancellationToken.None);
        }
        catch (Exception e)
        {
            // The request itself is done: answer it. Its claim expires after InProgressTimeout, and the
            // grains remember the request key, so a retry is still applied once.
            http.RequestServices.GetRequiredKeyedService<OutageLog>(GatewayServiceCollectionExtensions.UnavailableAnswers).Failed(e);
        }
        await original.WriteAsync(body, http.RequestAborted);
    }

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
