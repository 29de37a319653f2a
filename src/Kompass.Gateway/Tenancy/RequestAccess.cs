using Kompass.Contracts;
using Kompass.Domain.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace Kompass.Gateway.Tenancy;

/// <summary>Why a request is refused before any field runs: 401 or 403 with a code and a reason.</summary>
public sealed record RequestRefusal(int Status, string Code, string Message);

/// <summary>The caller of an HTTP request, from its bearer token.</summary>
public static class RequestAccess
{
    /// <summary>
    /// The caller, or the refusal: no token (outside Development), a token that fails validation (expired,
    /// wrong signature, audience or issuer), or a valid one whose claims name no known role. Anonymous in
    /// Development is (null, null): introspection only, every other field answers UNAUTHENTICATED.
    /// </summary>
    public static async Task<(Principal? Caller, RequestRefusal? Refusal)> OfAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync();
        if (result.Succeeded)
        {
            var (principal, refusal) = TokenClaims.ToPrincipal(result.Principal);
            return refusal is null ? (principal, null) : (null, new RequestRefusal(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, refusal));
        }
        if (result.Failure is not null)
            return (null, new RequestRefusal(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthenticated, Describe(result.Failure, http)));
        return http.RequestServices.GetRequiredService<IHostEnvironment>().IsDevelopment() ? (null, null) : (null, NotSignedIn);
    }

    /// <summary>As <see cref="OfAsync"/>, for the plain HTTP views (export, report page): anonymous is refused in Development too.</summary>
    public static async Task<(Principal? Caller, RequestRefusal? Refusal)> SignedInAsync(HttpContext http)
    {
        var (caller, refusal) = await OfAsync(http);
        return (caller, refusal ?? (caller is null ? NotSignedIn : null));
    }

    /// <summary>Answers the refusal: its status, the error body every endpoint answers with, and the challenge of a 401.</summary>
    public static Task WriteAsync(HttpContext http, RequestRefusal refusal, string responseType = Http.GraphQLEndpoint.Json)
    {
        Challenge(http, refusal);
        return Http.GraphQLEndpoint.WriteRequestError(http, refusal.Status, responseType, refusal.Code, refusal.Message);
    }

    private static readonly RequestRefusal NotSignedIn = new(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthenticated,
        "Sign in first: send Authorization: Bearer <token> (see README, Roles and tokens).");

    private static string Describe(Exception failure, HttpContext http) => failure switch
    {
        SecurityTokenExpiredException e => $"The token expired at {e.Expires:yyyy-MM-dd HH:mm:ss} UTC: get a new one.",
        SecurityTokenNotYetValidException => "The token is not valid yet (nbf is in the future).",
        SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException =>
            "The token's signature does not verify with this service's keys.",
        SecurityTokenInvalidAudienceException =>
            $"The token is for another audience: this service is '{http.RequestServices.GetRequiredService<AuthSettings>().Audience}'.",
        SecurityTokenInvalidIssuerException => "The token's issuer is not trusted by this service.",
        SecurityTokenNoExpirationException => "The token has no expiry (exp): it is refused.",
        _ => "The bearer token is not a valid token for this service.",
    };

    /// <summary>RFC 6750: a 401 names the scheme, and why a token presented was refused.</summary>
    private static void Challenge(HttpContext http, RequestRefusal refusal)
    {
        if (refusal.Status != StatusCodes.Status401Unauthorized)
            return;
        var hadToken = http.Request.Headers.Authorization.Count > 0;
        http.Response.Headers.WWWAuthenticate = hadToken
            ? $"Bearer error=\"invalid_token\", error_description=\"{refusal.Message.Replace("\"", "'", StringComparison.Ordinal)}\""
            : "Bearer";
    }
}
