using System.Data;
using System.Data.Common;
using System.Threading.Channels;
using Kompass.Contracts.Evaluations;
using Kompass.Contracts.Kommuner;
using Kompass.Domain.Evaluations;
using Kompass.Domain.Frameworks;
using Kompass.Domain.Kommuner;
using Kompass.Domain.Scoring;
using Kompass.Grains;
using Kompass.Storage;
using Kompass.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Kompass.Benchmarks;

/// <summary>What both sides of the write benchmark share: the framework, the writers' kommuner, the payload.</summary>
internal sealed class WorkloadDefinition(int writers)
{
    public const string FrameworkVersion = "2020";
    public const string RatedPoint = "1.1";
    public static readonly DateOnly EvaluatedOn = new(2026, 3, 1);

    public FrameworkCatalogue Catalogue { get; } = FrameworkCatalogue.LoadDirectory(FrameworkCatalogue.DefaultDirectory);
    public KommuneReference Reference { get; } = KommuneReference.Load(KommuneReference.DefaultDirectory);
    public KompassJsonGrainStorageSerializer Serializer { get; } = new();
    public FrameworkDefinition Framework => Catalogue.Get(FrameworkVersion);

    /// <summary>The writers' kommuner: the first official Norwegian ones, one evaluation each.</summary>
    public IReadOnlyList<string> Kommuner => [.. Reference.All(Country.NO).Take(writers).Select(k => k.Id.ToString())];

    public List<PointRating> AllPoints() => [.. Framework.ScoringPoints.Select(p => new PointRating(p.Code, new Rating(3, 3, 2)))];

    /// <summary>Every call changes the point: 4/4/4, 3/3/2, 4/4/4, ... (set-up rated everything 3/3/2).</summary>
    public static PointRating Alternate(int n) => new(RatedPoint, n % 2 == 0 ? new Rating(4, 4, 4) : new Rating(3, 3, 2));

    /// <summary>An evaluation as the grain holds it after set-up: opened, all points rated, the kommune told.</summary>
    public Evaluation NewRatedEvaluation(string id)
    {
        var state = new EvaluationState();
        var evaluation = Evaluation.Open(state, id, Framework, EvaluatedOn, ["KS-Konsulent"], DateTimeOffset.UtcNow);
        evaluation.Rate(AllPoints(), null);
        state.Outbox.Pending.Clear();
        return evaluation;
    }

    public byte[] SamplePayload() => Serializer.Serialize(NewRatedEvaluation("NO-0301/eval/2026-1").State).ToArray();
}

internal static class Sql
{
    public static DbParameter Add(this DbCommand command, string name, DbType type, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    public static string Scalar(this DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }

    /// <summary>Sum of the stored versions and the largest payload of one state name: every accepted write adds 1.</summary>
    public static (long VersionSum, long PayloadBytes) StoredVersions(Func<DbConnection> open, string stateName = "evaluation")
    {
        using var connection = open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(SUM(Version), 0), COALESCE(MAX(LENGTH(PayloadBinary)), 0) FROM OrleansStorage WHERE GrainTypeString = @StateName";
        command.Add("StateName", DbType.String, stateName);
        using var reader = command.ExecuteReader();
        reader.Read();
        return (Convert.ToInt64(reader.GetValue(0)), Convert.ToInt64(reader.GetValue(1)));
    }
}

/// <summary>
/// The grain side: a silo (InProcessTestCluster) with the real grains and AddKompassStorage. Each writer owns
/// one evaluation (kommune registered, evaluation opened, all 37 points rated once) and rates one point per
/// call through <c>IEvaluationGrain.Rate</c>, on the silo's own IGrainFactory, as the GraphQL gateway calls it
/// in the host.
/// </summary>
internal sealed class GrainSide : IAsyncDisposable
{
    private readonly InProcessTestCluster _cluster;

    private const string DirectStateName = "evaluation-direct";

    private readonly WorkloadDefinition _work;

    private GrainSide(InProcessTestCluster cluster, WorkloadDefinition work, IReadOnlyList<Func<Task>> writers)
    {
        _cluster = cluster;
        _work = work;
        Writers = writers;
    }

    public IReadOnlyList<Func<Task>> Writers { get; }

    /// <summary>
    /// For the diagnosis: writers that call the silo's grain storage (the ADO.NET provider) directly, each with
    /// its own EvaluationState under a state name of its own (the provider keys rows by grain key and state name
    /// only), without a grain call, validation or view.
    /// </summary>
    public async Task<IReadOnlyList<Func<Task>>> DirectStorageWritersAsync()
    {
        var storage = _cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(KompassStorage.StorageName);
        return await Task.WhenAll(_work.Kommuner.Select(async kommuneId =>
        {
            var id = $"{kommuneId}/eval/{WorkloadDefinition.EvaluatedOn.Year}-1";
            var grainId = GrainId.Create("evaluation", id);
            var evaluation = _work.NewRatedEvaluation(id);
            var state = new GrainState<EvaluationState>(evaluation.State);
            await storage.ReadStateAsync(DirectStateName, grainId, state);
            state.State = evaluation.State;
            var n = 0;
            return (Func<Task>)(() =>
            {
                evaluation.Rate([WorkloadDefinition.Alternate(n++)], null);
                return storage.WriteStateAsync(DirectStateName, grainId, state);
            });
        }));
    }

    public static async Task<GrainSide> StartAsync(WorkloadDefinition work, KompassTestClusterOptions storage, Action<ISiloBuilder>? configure = null)
    {
        var cluster = KompassTestCluster.Create(new KompassTestClusterOptions
        {
            Provider = storage.Provider,
            SqlitePath = storage.SqlitePath,
            PostgresConnectionString = storage.PostgresConnectionString,
            AzureStorageConnectionString = storage.AzureStorageConnectionString,
            AzureContainerName = storage.AzureContainerName,
            ConfigureSilo = silo =>
            {
                silo.AddKompassGrains(work.Catalogue, work.Reference);
                configure?.Invoke(silo);
            },
        });
        await cluster.DeployAsync();
        var grains = cluster.Silos[0].ServiceProvider.GetRequiredService<IGrainFactory>();
        var ids = await Task.WhenAll(work.Kommuner.Select(async kommuneId =>
        {
            var kommune = grains.GetGrain<IKommuneGrain>(kommuneId);
            await kommune.Register(new RegisterKommune(kommuneId));
            var id = await kommune.ReserveEvaluationId(WorkloadDefinition.EvaluatedOn.Year);
            var evaluation = grains.GetGrain<IEvaluationGrain>(id);
            await evaluation.Open(new OpenEvaluation(kommuneId, WorkloadDefinition.FrameworkVersion, WorkloadDefinition.EvaluatedOn, ["KS-Konsulent"]));
            await evaluation.Rate(new RateScoringPoints(id, [.. work.AllPoints().Select(ToMessage)]));
            return id;
        }));

        var writers = ids.Select(id =>
        {
            var grain = grains.GetGrain<IEvaluationGrain>(id);
            var n = 0;
            return (Func<Task>)(() => grain.Rate(new RateScoringPoints(id, [ToMessage(WorkloadDefinition.Alternate(n++))])));
        }).ToList();
        return new GrainSide(cluster, work, writers);
    }

    private static ScoringPointRating ToMessage(PointRating r) => new(r.Code, r.Rating.System, r.Rating.Scope, r.Rating.Result, r.Rating.Comment);

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();
}

/// <summary>A side of the comparison: its writers, and what it holds open.</summary>
internal interface IWriterSide : IDisposable
{
    IReadOnlyList<Func<Task>> Writers { get; }
}

/// <summary>
/// The raw side on Azure Storage: each writer has its own EvaluationState (as <see cref="RawSide"/>) and,
/// per call, applies the same one-point Rate, serializes with the same serializer and uploads one blob with
/// the same condition the Orleans blob provider sends (If-Match the last ETag; If-None-Match * at first).
/// </summary>
internal sealed class AzureRawSide : IWriterSide
{
    public AzureRawSide(WorkloadDefinition work, Azure.Storage.Blobs.BlobContainerClient container)
    {
        container.CreateIfNotExists();
        Writers = [.. work.Kommuner.Select(kommuneId =>
        {
            var id = $"{kommuneId}/eval/{WorkloadDefinition.EvaluatedOn.Year}-1";
            var evaluation = work.NewRatedEvaluation(id);
            var blob = container.GetBlobClient($"evaluation-raw/{id}.json");
            Azure.ETag? etag = null;
            var n = 0;
            return (Func<Task>)(async () =>
            {
                evaluation.Rate([WorkloadDefinition.Alternate(n++)], null);
                var payload = work.Serializer.Serialize(evaluation.State);
                var conditions = etag is { } known
                    ? new Azure.Storage.Blobs.Models.BlobRequestConditions { IfMatch = known }
                    : new Azure.Storage.Blobs.Models.BlobRequestConditions { IfNoneMatch = Azure.ETag.All };
                var response = await blob.UploadAsync(payload, new Azure.Storage.Blobs.Models.BlobUploadOptions { Conditions = conditions });
                etag = response.Value.ETag;
            });
        })];
    }

    public IReadOnlyList<Func<Task>> Writers { get; }

    public void Dispose()
    {
    }
}

/// <summary>How the raw side talks to the database.</summary>
internal enum RawMode
{
    /// <summary>Its own open connection per writer, a plain upsert (the main comparison).</summary>
    PlainUpsert,

    /// <summary>Its own connection, but the provider's own WriteToStorageKey query (read from OrleansQuery), with its version check.</summary>
    ProviderQuery,

    /// <summary>The provider's query on a connection opened and closed per call, as the ADO.NET provider does.</summary>
    ProviderQueryConnectionPerCall,
}

/// <summary>
/// The raw side: each writer has its own in-memory EvaluationState (built by the same domain calls as the
/// grain's) and, per call, applies the same one-point Rate, serializes with the same serializer and writes
/// one row of OrleansStorage with the same driver and connection settings.
/// </summary>
internal sealed class RawSide : IWriterSide
{
    public const string ServiceId = "kompass-bench-raw";

    public const string PlainUpsertSqlite = """
        INSERT INTO OrleansStorage (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId, PayloadBinary, Version)
        VALUES (@GrainIdHash, 0, 0, 0, 'evaluation', @GrainIdExtensionString, @ServiceId, @PayloadBinary, 1)
        ON CONFLICT (GrainIdHash, GrainTypeHash, ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString)
        DO UPDATE SET PayloadBinary = excluded.PayloadBinary, Version = OrleansStorage.Version + 1, ModifiedOn = CURRENT_TIMESTAMP;
        """;

    private const string PlainUpsertPostgres = """
        INSERT INTO OrleansStorage (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId, PayloadBinary, Version)
        VALUES (@GrainIdHash, 0, 0, 0, 'evaluation', @GrainIdExtensionString, @ServiceId, @PayloadBinary, 1)
        ON CONFLICT (GrainIdHash, GrainTypeHash, ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString)
        DO UPDATE SET PayloadBinary = excluded.PayloadBinary, Version = OrleansStorage.Version + 1, ModifiedOn = now();
        """;

    private readonly List<DbConnection> _connections = [];

    public IReadOnlyList<Func<Task>> Writers { get; }

    /// <param name="open">Opens a connection with the provider's settings (pragmas, pooling).</param>
    public RawSide(WorkloadDefinition work, KompassStorageProvider provider, Func<DbConnection> open, RawMode mode, int firstHash = 0)
    {
        string sql;
        using (var connection = open())
        {
            sql = mode == RawMode.PlainUpsert
                ? provider == KompassStorageProvider.Postgres ? PlainUpsertPostgres : PlainUpsertSqlite
                : connection.Scalar("SELECT QueryText FROM OrleansQuery WHERE QueryKey = 'WriteToStorageKey'");
        }

        Writers = [.. work.Kommuner.Select((kommuneId, i) =>
        {
            var id = $"{kommuneId}/eval/{WorkloadDefinition.EvaluatedOn.Year}-1";
            var evaluation = work.NewRatedEvaluation(id);
            var own = mode == RawMode.ProviderQueryConnectionPerCall ? null : open();
            if (own is not null)
                _connections.Add(own);
            int? version = null;
            var n = 0;
            return (Func<Task>)(async () =>
            {
                evaluation.Rate([WorkloadDefinition.Alternate(n++)], null);
                var payload = work.Serializer.Serialize(evaluation.State).ToArray();
                var connection = own ?? open();
                try
                {
                    await using var command = connection.CreateCommand();
                    command.CommandText = sql;
                    command.Add("GrainIdHash", DbType.Int32, firstHash + i);
                    command.Add("GrainIdExtensionString", DbType.String, id);
                    command.Add("ServiceId", DbType.String, ServiceId);
                    command.Add("PayloadBinary", DbType.Binary, payload);
                    if (mode == RawMode.PlainUpsert)
                    {
                        await command.ExecuteNonQueryAsync();
                        return;
                    }

                    command.Add("GrainIdN0", DbType.Int64, 0L);
                    command.Add("GrainIdN1", DbType.Int64, 0L);
                    command.Add("GrainTypeHash", DbType.Int32, 0);
                    command.Add("GrainTypeString", DbType.String, "evaluation");
                    command.Add("GrainStateVersion", DbType.Int32, version is { } v ? v : DBNull.Value);
                    // As the provider reads it: ExecuteReader, every row, every result set.
                    await using var reader = await command.ExecuteReaderAsync();
                    do
                    {
                        while (await reader.ReadAsync())
                            version = reader.IsDBNull(0) ? throw new InvalidOperationException("Version conflict on the raw side.") : Convert.ToInt32(reader.GetValue(0));
                    } while (await reader.NextResultAsync());
                }
                finally
                {
                    if (own is null)
                        await connection.DisposeAsync();
                }
            });
        })];
    }

    public void Dispose() => _connections.ForEach(c => c.Dispose());
}

/// <summary>
/// For the diagnosis: the raw side with group commit. Writers hand their payload to one writer loop, which
/// upserts everything waiting in one transaction (one commit, one WAL fsync) and then acknowledges each
/// write, so a write still returns only once it is durable.
/// </summary>
internal sealed class GroupCommitSide : IAsyncDisposable
{
    private readonly Channel<(int Hash, string Id, byte[] Payload, TaskCompletionSource Done)> _queue =
        Channel.CreateUnbounded<(int, string, byte[], TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Task _loop;

    public IReadOnlyList<Func<Task>> Writers { get; }

    public GroupCommitSide(WorkloadDefinition work, string upsert, Func<DbConnection> open, int firstHash)
    {
        _loop = Task.Factory.StartNew(() => WriteLoop(open, upsert), TaskCreationOptions.LongRunning);
        Writers = [.. work.Kommuner.Select((kommuneId, i) =>
        {
            var id = $"{kommuneId}/eval/{WorkloadDefinition.EvaluatedOn.Year}-1";
            var evaluation = work.NewRatedEvaluation(id);
            var n = 0;
            return (Func<Task>)(() =>
            {
                evaluation.Rate([WorkloadDefinition.Alternate(n++)], null);
                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _queue.Writer.TryWrite((firstHash + i, id, work.Serializer.Serialize(evaluation.State).ToArray(), done));
                return done.Task;
            });
        })];
    }

    private void WriteLoop(Func<DbConnection> open, string upsert)
    {
        using var connection = open();
        var batch = new List<(int Hash, string Id, byte[] Payload, TaskCompletionSource Done)>();
        while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (_queue.Reader.TryRead(out var item))
                batch.Add(item);
            try
            {
                using var transaction = connection.BeginTransaction();
                foreach (var (hash, id, payload, _) in batch)
                {
                    using var command = connection.CreateCommand();
                    command.Transaction = transaction;
                    command.CommandText = upsert;
                    command.Add("GrainIdHash", DbType.Int32, hash);
                    command.Add("GrainIdExtensionString", DbType.String, id);
                    command.Add("ServiceId", DbType.String, RawSide.ServiceId);
                    command.Add("PayloadBinary", DbType.Binary, payload);
                    command.ExecuteNonQuery();
                }

                transaction.Commit();
                batch.ForEach(item => item.Done.SetResult());
            }
            catch (Exception e)
            {
                batch.ForEach(item => item.Done.SetException(e));
            }

            batch.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.Complete();
        await _loop;
    }
}
