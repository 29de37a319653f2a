using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace Kompass.Gateway.Tenancy;

public static class AuthenticationServiceCollectionExtensions
{
    /// <summary>JWT bearer authentication from <c>Kompass:Auth</c>; throws <see cref="AuthConfigurationException"/> on a bad setting.</summary>
    public static IServiceCollection AddKompassAuthentication(this IServiceCollection services, IConfiguration config, IHostEnvironment environment)
    {
        var settings = AuthSettings.From(config, environment);
        services.AddSingleton(settings);
        services.AddSingleton<ValidatedTokens>();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<ValidatedTokens>((o, tokens) =>
        {
            o.TokenHandlers.Clear();
            o.TokenHandlers.Add(tokens);
        });
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            // Keep the token's claim names (sub, role, kommune) rather than the WS-* URIs .NET maps them to.
            o.MapInboundClaims = false;
            if (settings.Authority is not null)
            {
                o.Authority = settings.Authority;
                o.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            }
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateIssuer = settings.Issuer is not null,
                ValidIssuer = settings.Issuer,
                ValidAudience = settings.Audience,
                IssuerSigningKey = settings.SigningKey,
                ValidateIssuerSigningKey = true,
                RequireExpirationTime = true,
                RequireSignedTokens = true,
                ClockSkew = TimeSpan.FromSeconds(30),
                NameClaimType = TokenClaims.Subject,
                RoleClaimType = TokenClaims.Role,
            };
        });
        return services;
    }
}
