using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Kompass.Storage;

public static class GrainStorageDecoration
{
    /// <summary>
    /// Puts <paramref name="decorate"/> in front of the Kompass grain storage configured so far (call after
    /// AddKompassStorage). Each later decoration wraps the earlier ones. The Orleans provider itself stays
    /// registered under its own name, and takes part in the silo lifecycle from there, so a decorator only
    /// implements <see cref="IGrainStorage"/>.
    /// </summary>
    public static ISiloBuilder DecorateKompassGrainStorage(this ISiloBuilder silo, Func<IServiceProvider, IGrainStorage, IGrainStorage> decorate)
    {
        var current = silo.Services.Last(d => d.ServiceType == typeof(IGrainStorage) && Equals(d.ServiceKey, KompassStorage.StorageName));
        silo.Services.Remove(current);
        var innerKey = $"{KompassStorage.StorageName}-{Guid.NewGuid():N}";
        // A factory may read its options by the name it was registered under, not the new key.
        silo.Services.AddKeyedSingleton<IGrainStorage>(innerKey, (sp, _) =>
            (IGrainStorage)(current.KeyedImplementationFactory?.Invoke(sp, KompassStorage.StorageName) ?? current.KeyedImplementationInstance!));
        silo.Services.AddKeyedSingleton<IGrainStorage>(KompassStorage.StorageName,
            (sp, _) => decorate(sp, sp.GetRequiredKeyedService<IGrainStorage>(innerKey)));
        return silo;
    }
}
