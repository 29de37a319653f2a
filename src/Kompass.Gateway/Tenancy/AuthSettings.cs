using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace Kompass.Gateway.Tenancy;

/// <summary>A setting of <c>Kompass:Auth</c> that stops start-up: the message names it.</summary>
public sealed class AuthConfigurationException(string message) : Exception(message);

/// <summary>
/// Who may issue tokens the service accepts (section <c>Kompass:Auth</c>): an OpenID Connect authority
/// (its metadata and JWKS: Entra ID, ID-porten through a broker) and/or a symmetric signing key. In
/// Development, with neither set, the development key below signs and checks tokens (the <c>token</c>
/// command prints them); it is published in this repository, so it is refused everywhere else.
/// </summary>
public sealed record AuthSettings(string? Issuer, string Audience, string? Authority, SymmetricSecurityKey? SigningKey, bool RequireHttpsMetadata,
    byte[]? FeedKey = null)
{
    public const string Section = "Kompass:Auth";
    public const string IssuerKey = Section + ":Issuer";
    public const string AudienceKey = Section + ":Audience";
    public const string AuthorityKey = Section + ":Authority";
    public const string SigningKeyKey = Section + ":SigningKey";
    public const string RequireHttpsMetadataKey = Section + ":RequireHttpsMetadata";
    public const string FeedKeyKey = Section + ":FeedKey";

    public const string DefaultAudience = "kompass-cloud";

    /// <summary>The issuer of development tokens (and of tokens signed with a configured key, unless set).</summary>
    public const string DefaultIssuer = "kompass-cloud-dev";

    /// <summary>Published, hence Development only. 256 bits, as HS256 requires.</summary>
    public const string DevelopmentSigningKey = "kompass-cloud-development-signing-key-do-not-use-in-production";

    public const int MinimumKeyBytes = 32;

    public static AuthSettings From(IConfiguration config, IHostEnvironment environment)
    {
        var authority = Trimmed(config[AuthorityKey]);
        var key = Trimmed(config[SigningKeyKey]);
        if (key == DevelopmentSigningKey && !environment.IsDevelopment())
            throw new AuthConfigurationException(
                $"{SigningKeyKey} is the development key, which is published in the repository: it is refused outside Development. " +
                $"Set {AuthorityKey} (OpenID Connect) or a secret {SigningKeyKey}.");
        if (key is null && authority is null)
        {
            if (!environment.IsDevelopment())
                throw new AuthConfigurationException(
                    $"No token issuer is configured: set {AuthorityKey} (an OpenID Connect authority) or {SigningKeyKey} (at least {MinimumKeyBytes} bytes).");
            key = DevelopmentSigningKey;
        }
        if (key is not null && Encoding.UTF8.GetByteCount(key) < MinimumKeyBytes)
            throw new AuthConfigurationException($"{SigningKeyKey} must be at least {MinimumKeyBytes} bytes (HS256 needs 256 bits).");
        if (authority is not null && !Uri.TryCreate(authority, UriKind.Absolute, out _))
            throw new AuthConfigurationException($"{AuthorityKey} must be an absolute URL, e.g. https://login.microsoftonline.com/<tenant>/v2.0.");
        var requireHttps = !bool.TryParse(config[RequireHttpsMetadataKey], out var r) || r;
        // Calendar clients send no bearer token: a kommune's feed URL carries an HMAC of its id under this key.
        var feedKey = Trimmed(config[FeedKeyKey]) ?? key
            ?? throw new AuthConfigurationException($"{FeedKeyKey} must be set (at least {MinimumKeyBytes} bytes) when tokens come from {AuthorityKey}: it signs the kommuner's calendar feed URLs.");
        if (Encoding.UTF8.GetByteCount(feedKey) < MinimumKeyBytes)
            throw new AuthConfigurationException($"{FeedKeyKey} must be at least {MinimumKeyBytes} bytes.");
        return new AuthSettings(
            Trimmed(config[IssuerKey]) ?? (authority is null ? DefaultIssuer : null),
            Trimmed(config[AudienceKey]) ?? DefaultAudience,
            authority,
            key is null ? null : new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)),
            requireHttps,
            Encoding.UTF8.GetBytes(feedKey));
    }

    /// <summary>The secret token of a kommune's calendar feed URL: changing the feed key (or the signing key it defaults to) revokes every feed URL.</summary>
    /// <remarks>Per kommune, the leaders rotate it: <paramref name="generation"/> is the kommune's count of rotations.</remarks>
    public string FeedTokenOf(string kommuneId, int generation) =>
        Base64UrlEncoder.Encode(System.Security.Cryptography.HMACSHA256.HashData(FeedKey!,
            Encoding.UTF8.GetBytes(generation == 0 ? "calendar-feed:" + kommuneId : $"calendar-feed:{kommuneId}:{generation}")));

    public bool IsFeedToken(string kommuneId, int generation, string? token) =>
        token is not null && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(FeedTokenOf(kommuneId, generation)), Encoding.ASCII.GetBytes(token));

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
