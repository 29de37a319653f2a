using Kompass.Domain.Frameworks;
using Kompass.Domain.Kommuner;
using Kompass.Grains.Delivery;
using Kompass.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kompass.Grains;

public static class GrainsSiloBuilderExtensions
{
    /// <summary>
    /// What the grains need from the silo: the framework catalogue, the reference list, the clock, delivery
    /// settings and metrics, the error filter and storage error translation (call after AddKompassStorage).
    /// </summary>
    public static ISiloBuilder AddKompassGrains(this ISiloBuilder silo, FrameworkCatalogue catalogue, KommuneReference reference)
    {
        silo.Services.AddSingleton(catalogue);
        silo.Services.AddSingleton(reference);
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.TryAddSingleton(sp => new Strategies.StrategyClock(sp.GetRequiredService<TimeProvider>()));
        silo.Services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.Section);
        silo.Services.AddOptions<Strategies.FollowUpOptions>().BindConfiguration(Strategies.FollowUpOptions.Section);
        silo.Services.TryAddSingleton<DeliveryMetrics>();
        // Gateways cache answers read from published evaluations; an evaluation revokes them before it changes.
        silo.AddGrainService<Caching.AnswerCacheService>();
        silo.Services.TryAddSingleton<Caching.AnswerRevocation>();
        silo.AddIncomingGrainCallFilter<DomainErrorFilter>();
        silo.AddIncomingGrainCallFilter<TenancyFilter>(); // inside DomainErrorFilter: after a reload, its refusals mapped
        silo.DecorateKompassGrainStorage((sp, storage) => new StorageErrors(storage, new OutageLog(
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("Kompass.Storage.Outage"), TimeProvider.System, "Storage operations")));
        // The providers log each failed call as an error with a stack trace, and Orleans logs it again under
        // the storage's type: StorageErrors reports the same failures once and then in summaries instead.
        silo.Services.Configure<LoggerFilterOptions>(o =>
        {
            o.Rules.Add(new LoggerFilterRule(null, "Orleans.Storage", LogLevel.Critical, null));
            o.Rules.Add(new LoggerFilterRule(null, typeof(StorageErrors).FullName, LogLevel.Critical, null));
        });
        return silo;
    }
}
