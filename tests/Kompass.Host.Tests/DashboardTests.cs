using System.Net;
using Kompass.Gateway.Tests;

namespace Kompass.Host.Tests;

/// <summary>The Orleans Dashboard is off outside Development unless switched on.</summary>
public sealed class DashboardTests
{
    [Fact]
    public async Task The_dashboard_is_off_by_default_outside_development()
    {
        await using var host = await KompassTestHost.StartAsync("environment=Production", "Kompass:Demo:Seed=false",
            $"Kompass:Auth:SigningKey={TestTokens.SigningKey}");
        using var response = await host.Http.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_dashboard_answers_when_switched_on()
    {
        await using var host = await KompassTestHost.StartAsync("Kompass:Demo:Seed=false", "Kompass:Dashboard:Enabled=true");
        using var response = await host.Http.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_bad_flag_stops_start_up_naming_the_setting()
    {
        var e = await Assert.ThrowsAnyAsync<Exception>(() => KompassTestHost.StartAsync("Kompass:Dashboard:Enabled=perhaps"));
        Assert.Equal("Kompass:Dashboard:Enabled='perhaps' is not true or false", StartupErrors.Describe(e));
    }
}
