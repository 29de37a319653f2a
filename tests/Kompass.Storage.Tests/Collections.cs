using Kompass.Testing;

namespace Kompass.Storage.Tests;

/// <summary>All PostgreSQL tests share one server (one initdb + pg_ctl per test run).</summary>
[CollectionDefinition(PostgresServer.Collection)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>;

/// <summary>All Azure Storage tests of this assembly share one Azurite (each test its own container and cluster).</summary>
[CollectionDefinition(AzuriteServer.Collection)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteServer>;
