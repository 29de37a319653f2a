using Kompass.Domain.Frameworks;
using Kompass.Domain.Kommuner;
using Kompass.Storage;

namespace Kompass.Host;

public static class StartupErrors
{
    /// <summary>The message of a configuration or data error that should stop start-up cleanly; null for real bugs.</summary>
    public static string? Describe(Exception e) => e switch
    {
        StorageConfigurationException s => s.Message,
        HostSettingException h => h.Message,
        Microsoft.Extensions.Options.OptionsValidationException o => o.Message,
        Kompass.Gateway.Tenancy.AuthConfigurationException a => a.Message,
        FrameworkCatalogueException f => f.Message,
        KommuneReferenceFormatException r => r.Message,
        DirectoryNotFoundException or FileNotFoundException => e.Message,
        AggregateException { InnerExceptions.Count: 1 } a => Describe(a.InnerExceptions[0]),
        _ when e.InnerException is not null => Describe(e.InnerException),
        _ => null,
    };
}
