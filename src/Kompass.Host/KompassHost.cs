using Kompass.Domain.Frameworks;
using Kompass.Domain.Kommuner;
using Kompass.Gateway;
using Kompass.Gateway.Http;
using Kompass.Gateway.Imports;
using Kompass.Gateway.Tenancy;
using Kompass.Gateway.Types.Analytics;
using Kompass.Gateway.Types.Strategies;
using Kompass.Grains;
using Kompass.Grains.Strategies;
using Kompass.Storage;
using Kompass.Storage.Audit;
using Kompass.Storage.Idempotency;
using Orleans.Dashboard;

namespace Kompass.Host;

public static class KompassHost
{
    public const string DefaultUrl = "http://localhost:5080";

    /// <param name="configure">Last changes to the builder before it is built (tests add exporters here).</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // appsettings.json is read from beside the binary, wherever the process is started from (a
        // container's working folder, a test's temp folder). Relative data paths stay relative to the
        // working folder.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        var config = builder.Configuration;
        if (string.IsNullOrEmpty(config["urls"]) && string.IsNullOrEmpty(config["ASPNETCORE_URLS"]))
            builder.WebHost.UseUrls(DefaultUrl);

        var shutdownTimeout = HostSettings.ShutdownTimeout(config);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = shutdownTimeout);
        var drain = HostSettings.ShutdownDrain(config);
        builder.Services.AddHostedService(_ => new ShutdownDrain(drain));

        var frameworks = FrameworkCatalogue.LoadDirectory(config["Kompass:Frameworks:Path"] ?? FrameworkCatalogue.DefaultDirectory);
        var reference = KommuneReference.Load(config["Kompass:Reference:Path"] ?? KommuneReference.DefaultDirectory);
        builder.Services.AddSingleton(frameworks);

        var dashboard = HostSettings.DashboardEnabled(config, builder.Environment);
        var kubernetes = HostSettings.Kubernetes(config);
        var tls = ClusterTls.FromConfiguration(config, builder.Environment);
        var demoClock = HostSettings.DemoClock(config, builder.Environment);
        if (demoClock is not null && string.IsNullOrWhiteSpace(config[$"{FollowUpOptions.Section}:TickPeriod"]))
            config[$"{FollowUpOptions.Section}:TickPeriod"] = "00:01:00"; // the shortest reminder period: a tick per minute of demo
        builder.UseOrleans(silo =>
        {
            if (tls is not null)
                silo.UseTls(tls.Certificate, tls.Configure);
            // Only the strategies' clock runs fast: Orleans' own timers and the evaluations keep real time.
            if (demoClock is { } demo)
                silo.Services.AddSingleton(new StrategyClock(new DemoTimeProvider(TimeProvider.System, demo.Start ?? DateTimeOffset.UtcNow, demo.Speed)));
            silo.AddKompassStorage(config)
                .AddKompassGrains(frameworks, reference)
                .AddActivityPropagation();
            if (kubernetes)
                silo.UseKubernetesHosting();
            if (dashboard)
                silo.AddDashboard();
        });
        builder.Services.AddKompassGateway();
        builder.Services.AddKompassAuthentication(config, builder.Environment);
        builder.Services.AddKompassIdempotency(config);
        builder.Services.AddKompassAuditLog(config);
        builder.Services.AddKompassTelemetry(config);
        builder.Services.AddKompassHealth();
        builder.Services.AddHostedService<DemoDataSeeder>();
        builder.Services.AddHostedService<AnalyticsBackfillService>();

        configure?.Invoke(builder);
        WatchdogFalseAlarm.Quiet(builder.Services);
        var app = builder.Build();
        app.UseAuthentication();
        app.UseRateLimiter(); // after authentication: limits are per caller and per kommune
        app.MapKompassGraphQL("/graphql");
        app.MapKommuneExport();
        app.MapHistoricalImport();
        app.MapKompassHealth();
        app.MapKompassStrategyEndpoints();
        app.MapKompassAnalyticsEndpoints();
        app.MapKompassChartEndpoints();
        if (dashboard)
            app.MapOrleansDashboard(HostSettings.DashboardPath);
        app.MapGet("/", () => Results.Text(
            $"Kompass Cloud: POST GraphQL to /graphql (see README). Health: {Health.LivePath}, {Health.ReadyPath}.\n", "text/plain"));
        return app;
    }
}
