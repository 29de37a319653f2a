using System.Diagnostics;
using System.Reflection;
using k8s;
using k8s.Models;
using Kompass.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using YamlDotNet.RepresentationModel;

namespace Kompass.Host.Tests;

/// <summary>
/// The deployment files use the configuration keys, ports and probe paths the host really reads:
/// the Kubernetes overlays as <c>kubectl kustomize</c> renders them, the compose file and the Dockerfile.
/// (Images cannot be pulled here, so nothing is deployed: this is what can be checked without.)
/// </summary>
public sealed class InfraTests
{
    private static readonly string Infra = Path.Combine(RepositoryRoot(), "infra");

    /// <summary>Every setting the host reads, from the constants that name them.</summary>
    private static readonly HashSet<string> HostKeys =
    [
        .. new[] { typeof(KompassStorageSettings), typeof(HostSettings), typeof(DemoDataSeeder), typeof(ClusterTls) }
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string) && f.Name.EndsWith("Key", StringComparison.Ordinal))
            .Select(f => (string)f.GetRawConstantValue()!),
    ];

    // Read by ASP.NET Core, Orleans' Kubernetes hosting, the OTLP exporter and the storage settings.
    private static readonly HashSet<string> OtherVariables =
        ["ASPNETCORE_URLS", KompassStorageSettings.PostgresEnvironmentVariable, "POD_NAME", "POD_NAMESPACE", "POD_IP", "ORLEANS_SERVICE_ID", "ORLEANS_CLUSTER_ID"];

    [Theory]
    [InlineData("postgres", KompassStorageProvider.Postgres)]
    [InlineData("azure-storage", KompassStorageProvider.AzureStorage)]
    public void A_kustomize_overlay_uses_only_settings_ports_and_probes_the_host_has(string overlay, KompassStorageProvider provider)
    {
        var objects = KubernetesYaml.LoadAllFromString(Kustomize(Path.Combine(Infra, "k8s", "overlays", overlay)));
        var deployment = Assert.Single(objects.OfType<V1Deployment>());
        var container = Assert.Single(deployment.Spec.Template.Spec.Containers);

        // Every variable the pod gets, from the config map, the secret and the container's own list.
        var variables = new Dictionary<string, string?>();
        foreach (var source in container.EnvFrom)
        {
            if (source.ConfigMapRef is { } map)
                foreach (var (k, v) in objects.OfType<V1ConfigMap>().Single(m => m.Metadata.Name == map.Name).Data)
                    variables[k] = v;
            if (source.SecretRef is { } secretRef)
                foreach (var (k, v) in objects.OfType<V1Secret>().Single(s => s.Metadata.Name == secretRef.Name).Data)
                    variables[k] = System.Text.Encoding.UTF8.GetString(v);
        }

        var labels = deployment.Spec.Template.Metadata.Labels;
        foreach (var variable in container.Env)
            variables[variable.Name] = variable.Value ?? variable.ValueFrom.FieldRef.FieldPath switch
            {
                "status.podIP" => "10.0.0.7",
                var path when path.StartsWith("metadata.labels['", StringComparison.Ordinal) => labels[path["metadata.labels['".Length..^2]],
                _ => "kompass-cloud-0",
            };
        AssertKnown(variables.Keys);

        // The host accepts them: storage and cluster settings parse, the provider is the overlay's.
        var config = Configuration(variables);
        var settings = KompassStorageSettings.FromConfiguration(config);
        Assert.Equal(provider, settings.Provider);
        Assert.True(HostSettings.Kubernetes(config));
        Assert.True(TimeSpan.FromSeconds(deployment.Spec.Template.Spec.TerminationGracePeriodSeconds!.Value) > HostSettings.ShutdownTimeout(config));

        // Ports: what the host listens on is what the pod declares; the Service and probes use it.
        var ports = container.Ports.ToDictionary(p => p.Name, p => p.ContainerPort);
        Assert.Equal(new Uri(variables["ASPNETCORE_URLS"]!.Replace("+", "localhost", StringComparison.Ordinal)).Port, ports["http"]);
        Assert.Equal(settings.SiloPort, ports["silo"]);
        Assert.Equal(settings.GatewayPort, ports["gateway"]);
        Assert.Equal(Health.LivePath, container.LivenessProbe.HttpGet.Path);
        Assert.Equal(Health.LivePath, container.StartupProbe.HttpGet.Path);
        Assert.Equal(Health.ReadyPath, container.ReadinessProbe.HttpGet.Path);
        Assert.All(new[] { container.LivenessProbe, container.StartupProbe, container.ReadinessProbe }, p => Assert.Equal("http", p.HttpGet.Port.Value));
        var service = Assert.Single(objects.OfType<V1Service>());
        Assert.Equal("http", Assert.Single(service.Spec.Ports).TargetPort.Value);

        // The service and the disruption budget select the deployment's pods.
        Assert.All(service.Spec.Selector, s => Assert.Equal(s.Value, labels[s.Key]));
        Assert.All(Assert.Single(objects.OfType<V1PodDisruptionBudget>()).Spec.Selector.MatchLabels, s => Assert.Equal(s.Value, labels[s.Key]));
        Assert.Equal(labels["orleans/clusterId"], settings.ClusterId);

        // TLS, required outside Development: the files it names are in the Secret mounted for it.
        var tls = Assert.Single(container.VolumeMounts, m => m.Name == "cluster-tls");
        Assert.NotNull(Assert.Single(deployment.Spec.Template.Spec.Volumes, v => v.Name == tls.Name).Secret);
        foreach (var key in new[] { ClusterTls.CertificatePathKey, ClusterTls.KeyPathKey, ClusterTls.CaPathKey })
            Assert.StartsWith(tls.MountPath + "/", config[key], StringComparison.Ordinal);
    }

    [Fact]
    public void The_compose_cluster_uses_only_settings_the_host_has_and_two_silos_advertise_different_addresses()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(Infra, "compose.yaml")))
            yaml.Load(reader);
        var services = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"];
        var silos = new[] { "silo1", "silo2" }.Select(name => (YamlMappingNode)services[name]).ToArray();

        var addresses = new List<string>();
        var certificates = new List<string>();
        foreach (var silo in silos)
        {
            var environment = Merged((YamlMappingNode)silo["environment"]);
            AssertKnown(environment.Keys);
            var config = Configuration(environment);
            var settings = KompassStorageSettings.FromConfiguration(config);
            Assert.Equal(KompassStorageProvider.Postgres, settings.Provider);
            addresses.Add(settings.AdvertisedIP.ToString());
            // TLS, required outside Development: each silo its own certificate, from the mounted certs/.
            certificates.Add(config[ClusterTls.CertificatePathKey]!);
            var volumes = silo.Children.TryGetValue(new YamlScalarNode("volumes"), out var own) ? own : ((YamlMappingNode)silo["<<"])["volumes"];
            var mount = ((YamlScalarNode)((YamlSequenceNode)volumes)[0]).Value!.Split(':')[1];
            foreach (var key in new[] { ClusterTls.CertificatePathKey, ClusterTls.KeyPathKey, ClusterTls.CaPathKey })
                Assert.StartsWith(mount + "/", config[key], StringComparison.Ordinal);
            var network = (YamlMappingNode)((YamlMappingNode)silo["networks"])["kompass"];
            Assert.Equal(settings.AdvertisedIP.ToString(), ((YamlScalarNode)network["ipv4_address"]).Value);
            Assert.EndsWith(":8080", ((YamlScalarNode)((YamlSequenceNode)silo["ports"])[0]).Value, StringComparison.Ordinal);
        }

        Assert.Equal(2, addresses.Distinct().Count());
        Assert.Equal(2, certificates.Distinct().Count());
    }

    [Fact]
    public void The_image_listens_where_the_manifests_expect_and_runs_as_a_non_root_user()
    {
        var lines = File.ReadAllLines(Path.Combine(Infra, "Dockerfile")).Select(l => l.Trim()).ToArray();
        Assert.Contains("EXPOSE 8080 11111 30000", lines);
        Assert.Contains(lines, l => l.StartsWith("ENV ASPNETCORE_URLS=http://+:8080", StringComparison.Ordinal));
        Assert.Contains("USER $APP_UID", lines);
        Assert.Equal(2, lines.Count(l => l.StartsWith("FROM mcr.microsoft.com/dotnet/", StringComparison.Ordinal)));
    }

    /// <summary>A mapping with its YAML merge keys (<c>&lt;&lt;: *anchor</c>) applied, as compose reads it.</summary>
    private static Dictionary<string, string?> Merged(YamlMappingNode mapping)
    {
        var result = new Dictionary<string, string?>();
        if (mapping.Children.TryGetValue(new YamlScalarNode("<<"), out var merged))
            foreach (var (k, v) in Merged((YamlMappingNode)merged))
                result[k] = v;
        foreach (var (key, value) in mapping.Children)
            if (((YamlScalarNode)key).Value != "<<")
                result[((YamlScalarNode)key).Value!] = ((YamlScalarNode)value).Value;
        return result;
    }

    private static void AssertKnown(IEnumerable<string> variables)
    {
        foreach (var name in variables)
        {
            var known = name.Contains("__", StringComparison.Ordinal)
                ? HostKeys.Contains(name.Replace("__", ":", StringComparison.Ordinal))
                : OtherVariables.Contains(name) || name.StartsWith("OTEL_", StringComparison.Ordinal);
            Assert.True(known, $"{name} is not a setting the host reads");
        }
    }

    /// <summary>Environment variables as the host's configuration sees them ("__" is ":").</summary>
    private static IConfiguration Configuration(IReadOnlyDictionary<string, string?> variables) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(variables.Select(v => new KeyValuePair<string, string?>(v.Key.Replace("__", ":", StringComparison.Ordinal), v.Value)))
            .Build();

    private static string Kustomize(string folder)
    {
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("kustomize");
        start.ArgumentList.Add(folder);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), "kubectl kustomize did not finish in 60 s");
        Assert.True(process.ExitCode == 0, $"kubectl kustomize {folder} failed: {error.Result}");
        return output.Result;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Kompass.Cloud.sln")))
                return dir.FullName;
        throw new InvalidOperationException("Kompass.Cloud.sln not found above " + AppContext.BaseDirectory);
    }
}
