using Kompass.Testing;

namespace Kompass.Storage.Tests;

/// <summary>All PostgreSQL tests share one server (one initdb + pg_ctl per test run).</summary>
[CollectionDefinition(PostgresServer.Collection)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>;
