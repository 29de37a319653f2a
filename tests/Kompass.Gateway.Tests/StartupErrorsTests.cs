using Kompass.Domain.Frameworks;
using Kompass.Host;
using Kompass.Storage;

namespace Kompass.Gateway.Tests;

/// <summary>Which start-up failures the host reports as one line (exit code 2), however wrapped.</summary>
public sealed class StartupErrorsTests
{
    [Fact]
    public void A_wrapped_configuration_error_is_described_by_its_own_message()
    {
        var inner = new StorageConfigurationException("Kompass:Storage:Provider", "Kompass:Storage:Provider='Foo' is not one of Sqlite, Postgres, Memory");
        Assert.Equal(inner.Message, StartupErrors.Describe(new InvalidOperationException("outer", new AggregateException(inner))));
        Assert.Equal("framework file broken", StartupErrors.Describe(new FrameworkCatalogueException("framework file broken")));
    }

    [Fact]
    public void A_bug_is_not_dressed_up_as_a_configuration_error()
    {
        Assert.Null(StartupErrors.Describe(new InvalidOperationException("unrelated")));
        Assert.Null(StartupErrors.Describe(new InvalidOperationException("outer", new NullReferenceException())));
    }
}
