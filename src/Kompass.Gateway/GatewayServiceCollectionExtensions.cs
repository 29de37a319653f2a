using System.Text.Encodings.Web;
using GraphQL;
using Kompass.Gateway.Http;
using Kompass.Gateway.Types;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kompass.Gateway;

public static class GatewayServiceCollectionExtensions
{
    public const string ActivitySourceName = "GraphQL";

    /// <summary>The GraphQL schema, executer, error contract and limits. Needs an IGrainFactory and a FrameworkCatalogue.</summary>
    public static IServiceCollection AddKompassGateway(this IServiceCollection services)
    {
        services.AddSingleton<KompassApi>();
        services.AddSingleton<OutageLog>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddGraphQL(b => b
            .AddSchema<KompassSchema>()
            .AddGraphTypes(typeof(KompassSchema).Assembly)
            .AddSystemTextJson(json => json.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping)
            .AddErrorInfoProvider<KompassErrorInfoProvider>()
            .AddUnhandledExceptionHandler(GraphQLErrors.Translate)
            .AddComplexityAnalyzer(c =>
            {
                c.MaxDepth = 15;
                c.MaxComplexity = 50_000;
            })
            .UseTelemetry());
        return services;
    }
}
