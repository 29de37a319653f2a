-- Kompass Cloud schema, PostgreSQL, version 6: clearing grain state deletes its row.
--
-- AddKompassStorage sets AdoNetGrainStorageOptions.DeleteStateOnClear, so ClearStateAsync runs
-- DeleteStorageKey instead of ClearStorageKey (which kept the row, payload NULL, with the grain key in it):
-- after an offboarding no row names the kommune's grains. Contract (Orleans.Persistence.AdoNet 10.4.2):
-- delete the row only when its Version is @GrainStateVersion and return one row with the deleted
-- version + 1 as NewGrainStateVersion; no row returned makes the provider throw InconsistentStateException.
-- The grain then holds no ETag, and its next write inserts a fresh row at version 1.
-- Rows cleared before this version hold no state, only keys: they go too.

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteStorageKey', $sql$
DELETE FROM OrleansStorage
WHERE GrainIdHash = @GrainIdHash
  AND GrainTypeHash = @GrainTypeHash
  AND ServiceId = @ServiceId
  AND GrainTypeString = @GrainTypeString
  AND GrainIdN0 = @GrainIdN0
  AND GrainIdN1 = @GrainIdN1
  AND GrainIdExtensionString = COALESCE(@GrainIdExtensionString, '')
  AND Version = @GrainStateVersion
RETURNING Version + 1 AS NewGrainStateVersion;
$sql$);

DELETE FROM OrleansStorage WHERE PayloadBinary IS NULL;
