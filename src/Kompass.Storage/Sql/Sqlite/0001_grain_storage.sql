-- Kompass Cloud schema, SQLite, version 1: the provider query table and grain state.
--
-- Applied by KompassSchemaMigrator inside one BEGIN IMMEDIATE transaction that also records the
-- version in KompassSchemaVersion. Never edit this file once released: add a new numbered file.
--
-- Contract with Orleans.Persistence.AdoNet 10.4.2 (AdoNetGrainStorage):
--   * It loads WriteToStorageKey, ReadFromStorageKey and ClearStorageKey from OrleansQuery.
--   * Parameters: @GrainIdHash (int), @GrainIdN0 (long), @GrainIdN1 (long), @GrainTypeHash (int),
--     @GrainTypeString (the state name), @GrainIdExtensionString (string key or key extension, may be
--     NULL), @ServiceId, and for writes/clears @GrainStateVersion (int, NULL when the grain has never
--     seen a stored row) and @PayloadBinary (the serialized state).
--   * Read returns columns PayloadBinary and Version (no row: no state).
--   * Write and Clear return ONE row with NewGrainStateVersion: the new version on success, NULL when
--     the expected version did not match. NULL (or the unchanged version) makes the provider throw
--     InconsistentStateException, so a stale writer can never overwrite a newer state.

CREATE TABLE OrleansQuery
(
    QueryKey  TEXT NOT NULL PRIMARY KEY,
    QueryText TEXT NOT NULL
);

-- One row per (service, state name, grain key). GrainIdExtensionString holds '' rather than NULL so
-- that it can take part in the primary key. LastWriteRejected is bookkeeping for the single-statement
-- optimistic write below: the UPSERT records there whether its own version check failed, and its
-- RETURNING clause reads it back. SQLite runs one writer at a time, so the flag always belongs to the
-- statement that just set it.
CREATE TABLE OrleansStorage
(
    GrainIdHash            INTEGER NOT NULL,
    GrainIdN0              INTEGER NOT NULL,
    GrainIdN1              INTEGER NOT NULL,
    GrainTypeHash          INTEGER NOT NULL,
    GrainTypeString        TEXT    NOT NULL,
    GrainIdExtensionString TEXT    NOT NULL DEFAULT '',
    ServiceId              TEXT    NOT NULL,
    PayloadBinary          BLOB    NULL,
    Version                INTEGER NOT NULL,
    ModifiedOn             TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    LastWriteRejected      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (GrainIdHash, GrainTypeHash, ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString)
);

-- Grain state as people read it: the payload is UTF-8 JSON (KompassJsonGrainStorageSerializer).
CREATE VIEW KompassGrainState AS
SELECT ServiceId,
       GrainTypeString             AS StateName,
       GrainIdN0,
       GrainIdN1,
       GrainIdExtensionString      AS GrainKey,
       Version,
       ModifiedOn,
       CAST(PayloadBinary AS TEXT) AS PayloadJson
FROM OrleansStorage;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadFromStorageKey', '
SELECT PayloadBinary, Version
FROM OrleansStorage
WHERE GrainIdHash = @GrainIdHash
  AND GrainTypeHash = @GrainTypeHash
  AND ServiceId = @ServiceId
  AND GrainTypeString = @GrainTypeString
  AND GrainIdN0 = @GrainIdN0
  AND GrainIdN1 = @GrainIdN1
  AND GrainIdExtensionString = COALESCE(@GrainIdExtensionString, '''');
');

-- Insert when the grain expects no row (@GrainStateVersion IS NULL); otherwise update only when the
-- stored version equals the expected one. Every path returns exactly one row:
--   new row, expected none             -> 1
--   row exists, version matches        -> version + 1, payload replaced
--   row exists, version differs / NULL -> NULL (row untouched apart from the flag)
--   no row, but a version was expected -> NULL (the row was removed behind the grain's back; a
--                                         tombstone with no payload is left in its place)
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('WriteToStorageKey', '
INSERT INTO OrleansStorage
    (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId,
     PayloadBinary, Version, ModifiedOn, LastWriteRejected)
VALUES
    (@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, COALESCE(@GrainIdExtensionString, ''''), @ServiceId,
     CASE WHEN @GrainStateVersion IS NULL THEN @PayloadBinary END, 1, CURRENT_TIMESTAMP,
     CASE WHEN @GrainStateVersion IS NULL THEN 0 ELSE 1 END)
ON CONFLICT (GrainIdHash, GrainTypeHash, ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString)
DO UPDATE SET
    PayloadBinary     = CASE WHEN OrleansStorage.Version = @GrainStateVersion THEN @PayloadBinary ELSE OrleansStorage.PayloadBinary END,
    ModifiedOn        = CASE WHEN OrleansStorage.Version = @GrainStateVersion THEN CURRENT_TIMESTAMP ELSE OrleansStorage.ModifiedOn END,
    LastWriteRejected = CASE WHEN OrleansStorage.Version = @GrainStateVersion THEN 0 ELSE 1 END,
    Version           = CASE WHEN OrleansStorage.Version = @GrainStateVersion THEN OrleansStorage.Version + 1 ELSE OrleansStorage.Version END
RETURNING CASE WHEN LastWriteRejected = 0 THEN Version END AS NewGrainStateVersion;
');

-- Clearing keeps the row (payload NULL, version + 1) so that the version sequence never restarts:
-- a grain holding an ETag from before the clear still gets a conflict.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ClearStorageKey', '
INSERT INTO OrleansStorage
    (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId,
     PayloadBinary, Version, ModifiedOn, LastWriteRejected)
VALUES
    (@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, COALESCE(@GrainIdExtensionString, ''''), @ServiceId,
     NULL, 1, CURRENT_TIMESTAMP,
     CASE WHEN @GrainStateVersion IS NULL THEN 0 ELSE 1 END)
ON CONFLICT (GrainIdHash, GrainTypeHash, ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString)
DO UPDATE SET
    PayloadBinary     = CASE WHEN OrleansStorage.Version = @GrainStateVersion THEN NULL ELSE OrleansStorage.PayloadBinary END,
    ModifiedOn        = CASE WHEN OrleansStorage.Version = @GrainStateVersion THEN CURRENT_TIMESTAMP ELSE OrleansStorage.ModifiedOn END,
    LastWriteRejected = CASE WHEN OrleansStorage.Version = @GrainStateVersion THEN 0 ELSE 1 END,
    Version           = CASE WHEN OrleansStorage.Version = @GrainStateVersion THEN OrleansStorage.Version + 1 ELSE OrleansStorage.Version END
RETURNING CASE WHEN LastWriteRejected = 0 THEN Version END AS NewGrainStateVersion;
');
