using System.Text;
using Kompass.Domain.Tenancy;
using Kompass.Gateway.Tenancy;
using Microsoft.IdentityModel.Tokens;

namespace Kompass.Benchmarks;

/// <summary>
/// Tokens for the hosts the benchmarks start: signed in this process with the key the host is given, so
/// the host validates them exactly as it would a deployment's.
/// </summary>
internal static class BenchmarkAuth
{
    /// <summary>A throwaway key for hosts outside Development (not a secret: they live for one benchmark).</summary>
    public const string SigningKey = "kompass-benchmark-signing-key-only-for-throwaway-hosts";

    /// <summary>High enough never to reject, yet not 0 (which turns the limiter off): the limiter still runs.</summary>
    public const int UnreachableRateLimit = 100_000_000;

    /// <summary>Host settings: the benchmark key (unless Development, which has its own) and the rate limits out of reach.</summary>
    public static IEnumerable<string> HostSettings(bool development)
    {
        if (!development)
            yield return $"--{AuthSettings.SigningKeyKey}={SigningKey}";
        yield return $"--Kompass:Limits:RequestsPerMinutePerToken={UnreachableRateLimit}";
        yield return $"--Kompass:Limits:RequestsPerMinutePerKommune={UnreachableRateLimit}";
    }

    public static string Token(bool development, Role role, string user)
    {
        var key = development ? AuthSettings.DevelopmentSigningKey : SigningKey;
        var settings = new AuthSettings(AuthSettings.DefaultIssuer, AuthSettings.DefaultAudience, null,
            new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), RequireHttpsMetadata: true);
        return TokenIssuer.Issue(settings, TokenClaims.Of(user, Roles.NameOf(role), null, []), DateTimeOffset.UtcNow, TimeSpan.FromHours(8));
    }
}
