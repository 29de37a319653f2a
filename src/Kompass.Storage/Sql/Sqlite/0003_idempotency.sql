-- Kompass Cloud schema, SQLite, version 3: answers to requests sent with an Idempotency-Key.
--
-- One row per (Scope, RequestKey): Scope is a hash of the caller, so one caller's key never meets
-- another's. A row is in progress (Completed = 0) until the answer is stored. Rows older than the
-- retention (24 hours by default) are deleted by the silo's sweeper: see IdempotencyStore.
-- CreatedAt is Unix time in milliseconds.

CREATE TABLE KompassIdempotency
(
    Scope       TEXT    NOT NULL,
    RequestKey  TEXT    NOT NULL,
    Fingerprint TEXT    NOT NULL,
    Completed   INTEGER NOT NULL DEFAULT 0,
    StatusCode  INTEGER NULL,
    ContentType TEXT    NULL,
    Body        BLOB    NULL,
    CreatedAt   INTEGER NOT NULL,
    PRIMARY KEY (Scope, RequestKey)
);

CREATE INDEX IX_KompassIdempotency_CreatedAt ON KompassIdempotency (CreatedAt);
