-- Kompass Cloud schema, SQLite, version 4: the audit log (see Audit/AuditLog.cs).
--
-- One row per mutation, allowed or refused, of one kommune (KommuneId 'NO-5027', or 'platform').
-- Sequence increases with every append (AUTOINCREMENT: never reused, not even after a purge) and is the
-- paging cursor; reads are "WHERE KommuneId = ? AND Sequence < ? ORDER BY Sequence DESC", hence the index.
-- At is Unix time in milliseconds. Rows are never updated (the trigger refuses it); they are deleted only
-- when a kommune is offboarded.

CREATE TABLE KompassAudit
(
    Sequence  INTEGER PRIMARY KEY AUTOINCREMENT,
    KommuneId TEXT    NOT NULL,
    At        INTEGER NOT NULL,
    Actor     TEXT    NOT NULL,
    Role      TEXT    NOT NULL,
    Operation TEXT    NOT NULL,
    Target    TEXT    NOT NULL,
    Outcome   TEXT    NOT NULL,
    Changes   TEXT    NULL
);

CREATE INDEX IX_KompassAudit_Kommune ON KompassAudit (KommuneId, Sequence);

CREATE TRIGGER KompassAudit_AppendOnly BEFORE UPDATE ON KompassAudit
BEGIN
    SELECT RAISE(ABORT, 'KompassAudit is append-only');
END;
