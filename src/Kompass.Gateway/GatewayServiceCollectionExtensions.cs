using System.Text.Encodings.Web;
using GraphQL;
using Kompass.Gateway.Caching;
using Kompass.Gateway.Http;
using Kompass.Gateway.Tenancy;
using Kompass.Gateway.Types;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Kompass.Storage;

namespace Kompass.Gateway;

public static class GatewayServiceCollectionExtensions
{
    public const string ActivitySourceName = "GraphQL";

    /// <summary>The key of the <see cref="OutageLog"/> that counts requests answered UNAVAILABLE.</summary>
    public const string UnavailableAnswers = "unavailable-answers";

    /// <summary>The GraphQL schema, executer, error contract and limits. Needs an IGrainFactory and a FrameworkCatalogue.</summary>
    public static IServiceCollection AddKompassGateway(this IServiceCollection services)
    {
        services.AddOptions<RequestLimits>().BindConfiguration(RequestLimits.Section)
            .Validate(l => { RequestLimits.Check(l); return true; }).ValidateOnStart();
        services.AddKompassRateLimits();
        services.AddSingleton<KompassApi>();
        services.AddSingleton<MutationAudit>();
        services.AddSingleton<Imports.HistoricalImport>();
        services.AddKeyedSingleton(UnavailableAnswers, (sp, _) => new OutageLog(
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("Kompass.Gateway.Outage"), sp.GetRequiredService<TimeProvider>(),
            "Requests (answered UNAVAILABLE)", withStackTrace: false));
        services.TryAddSingleton(TimeProvider.System);
        // The read path: validation rules (complexity included) and parsed documents once per text, persisted queries.
        services.AddOptions<CachingSettings>().BindConfiguration(CachingSettings.Section)
            .Validate(s => { CachingSettings.Check(s); return true; }).ValidateOnStart();
        services.AddSingleton<DocumentCache>();
        services.AddSingleton<AnswerCache>();
        services.AddSingleton<Kompass.Contracts.Caching.IAnswerRevocations>(sp => sp.GetRequiredService<AnswerCache>());
        services.AddSingleton<IOutgoingGrainCallFilter, AnswerDependencies>();
        services.AddSingleton<PersistedQueries>();
        services.AddSingleton<GraphQLEndpoint.Pipeline>();
        services.AddGraphQL(b => b
            .AddSchema<KompassSchema>()
            .AddGraphTypes(typeof(KompassSchema).Assembly)
            .AddSystemTextJson(json => json.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping)
            .AddErrorInfoProvider<KompassErrorInfoProvider>()
            .UseMiddleware<AccessMiddleware>()
            .AddUnhandledExceptionHandler(GraphQLErrors.Translate)
            .UseTelemetry());
        return services;
    }
}
