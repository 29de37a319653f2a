-- Kompass Cloud schema, PostgreSQL, version 1: the provider query table and grain state.
--
-- Applied by KompassSchemaMigrator in one transaction holding pg_advisory_xact_lock, which also records
-- the version in KompassSchemaVersion. Never edit this file once released: add a new numbered file.
-- Identifiers are unquoted, so PostgreSQL folds them to lower case; the providers' own
-- "SELECT QueryKey, QueryText FROM OrleansQuery" is unquoted too, and Npgsql matches result columns
-- case-insensitively.
--
-- Contract with Orleans.Persistence.AdoNet 10.4.2 (AdoNetGrainStorage):
--   * It loads WriteToStorageKey, ReadFromStorageKey and ClearStorageKey from OrleansQuery.
--   * Parameters: @GrainIdHash (int), @GrainIdN0 (bigint), @GrainIdN1 (bigint), @GrainTypeHash (int),
--     @GrainTypeString (the state name), @GrainIdExtensionString (string key or key extension, may be
--     NULL), @ServiceId, and for writes/clears @GrainStateVersion (int, NULL when the grain has never
--     seen a stored row) and @PayloadBinary (bytea).
--   * Read returns columns PayloadBinary and Version (no row: no state).
--   * Write and Clear return ONE row with NewGrainStateVersion: the new version on success, NULL when
--     the expected version did not match. NULL makes the provider throw InconsistentStateException.
-- Concurrency: the UPDATE's "Version = @GrainStateVersion" is re-checked by PostgreSQL after waiting
-- for a concurrent writer's row lock (READ COMMITTED), and concurrent first inserts meet the primary
-- key (ON CONFLICT DO NOTHING), so of two writers holding the same version exactly one succeeds.

CREATE TABLE OrleansQuery
(
    QueryKey  varchar(64) NOT NULL PRIMARY KEY,
    QueryText text        NOT NULL
);

-- One row per (service, state name, grain key). GrainIdExtensionString holds '' rather than NULL so
-- that it can take part in the primary key.
CREATE TABLE OrleansStorage
(
    GrainIdHash            integer      NOT NULL,
    GrainIdN0              bigint       NOT NULL,
    GrainIdN1              bigint       NOT NULL,
    GrainTypeHash          integer      NOT NULL,
    GrainTypeString        varchar(512) NOT NULL,
    GrainIdExtensionString varchar(512) NOT NULL DEFAULT '',
    ServiceId              varchar(150) NOT NULL,
    PayloadBinary          bytea        NULL,
    Version                integer      NOT NULL,
    ModifiedOn             timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT PK_OrleansStorage
        PRIMARY KEY (GrainIdHash, GrainTypeHash, ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString)
);

-- Grain state as people read it: the payload is UTF-8 JSON (KompassJsonGrainStorageSerializer).
CREATE VIEW KompassGrainState AS
SELECT ServiceId,
       GrainTypeString                    AS StateName,
       GrainIdN0,
       GrainIdN1,
       GrainIdExtensionString             AS GrainKey,
       Version,
       ModifiedOn,
       convert_from(PayloadBinary, 'UTF8') AS PayloadJson
FROM OrleansStorage;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadFromStorageKey', $sql$
SELECT PayloadBinary, Version
FROM OrleansStorage
WHERE GrainIdHash = @GrainIdHash
  AND GrainTypeHash = @GrainTypeHash
  AND ServiceId = @ServiceId
  AND GrainTypeString = @GrainTypeString
  AND GrainIdN0 = @GrainIdN0
  AND GrainIdN1 = @GrainIdN1
  AND GrainIdExtensionString = COALESCE(@GrainIdExtensionString, '');
$sql$);

-- new row, expected none -> 1; row exists and version matches -> version + 1; anything else -> NULL.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('WriteToStorageKey', $sql$
WITH inserted AS (
    INSERT INTO OrleansStorage
        (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId,
         PayloadBinary, Version, ModifiedOn)
    SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, COALESCE(@GrainIdExtensionString, ''), @ServiceId,
           @PayloadBinary, 1, now()
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING Version
), updated AS (
    UPDATE OrleansStorage
    SET PayloadBinary = @PayloadBinary,
        Version = Version + 1,
        ModifiedOn = now()
    WHERE GrainIdHash = @GrainIdHash
      AND GrainTypeHash = @GrainTypeHash
      AND ServiceId = @ServiceId
      AND GrainTypeString = @GrainTypeString
      AND GrainIdN0 = @GrainIdN0
      AND GrainIdN1 = @GrainIdN1
      AND GrainIdExtensionString = COALESCE(@GrainIdExtensionString, '')
      AND Version = @GrainStateVersion
    RETURNING Version
)
SELECT COALESCE((SELECT Version FROM inserted), (SELECT Version FROM updated)) AS NewGrainStateVersion;
$sql$);

-- Clearing keeps the row (payload NULL, version + 1) so that the version sequence never restarts.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ClearStorageKey', $sql$
WITH inserted AS (
    INSERT INTO OrleansStorage
        (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId,
         PayloadBinary, Version, ModifiedOn)
    SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, COALESCE(@GrainIdExtensionString, ''), @ServiceId,
           NULL, 1, now()
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING Version
), updated AS (
    UPDATE OrleansStorage
    SET PayloadBinary = NULL,
        Version = Version + 1,
        ModifiedOn = now()
    WHERE GrainIdHash = @GrainIdHash
      AND GrainTypeHash = @GrainTypeHash
      AND ServiceId = @ServiceId
      AND GrainTypeString = @GrainTypeString
      AND GrainIdN0 = @GrainIdN0
      AND GrainIdN1 = @GrainIdN1
      AND GrainIdExtensionString = COALESCE(@GrainIdExtensionString, '')
      AND Version = @GrainStateVersion
    RETURNING Version
)
SELECT COALESCE((SELECT Version FROM inserted), (SELECT Version FROM updated)) AS NewGrainStateVersion;
$sql$);
