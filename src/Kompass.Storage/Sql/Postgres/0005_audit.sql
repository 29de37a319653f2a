-- Kompass Cloud schema, PostgreSQL, version 5: the audit log (see Audit/AuditLog.cs).
--
-- One row per mutation, allowed or refused, of one kommune (KommuneId 'NO-5027', or 'platform').
-- Sequence increases with every append (an identity: never reused, not even after a purge) and is the
-- paging cursor; reads are "WHERE KommuneId = ? AND Sequence < ? ORDER BY Sequence DESC", hence the index.
-- At is Unix time in milliseconds. Rows are never updated (the trigger refuses it); they are deleted only
-- when a kommune is offboarded.

CREATE TABLE KompassAudit
(
    Sequence  BIGINT        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    KommuneId VARCHAR(200)  NOT NULL,
    At        BIGINT        NOT NULL,
    Actor     VARCHAR(200)  NOT NULL,
    Role      VARCHAR(200)  NOT NULL,
    Operation VARCHAR(200)  NOT NULL,
    Target    VARCHAR(200)  NOT NULL,
    Outcome   VARCHAR(200)  NOT NULL,
    Changes   VARCHAR(2000) NULL
);

CREATE INDEX IX_KompassAudit_Kommune ON KompassAudit (KommuneId, Sequence);

CREATE FUNCTION KompassAudit_AppendOnly() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    RAISE EXCEPTION 'KompassAudit is append-only';
END;
$fn$;

CREATE TRIGGER KompassAudit_AppendOnly BEFORE UPDATE ON KompassAudit
    FOR EACH ROW EXECUTE FUNCTION KompassAudit_AppendOnly();
