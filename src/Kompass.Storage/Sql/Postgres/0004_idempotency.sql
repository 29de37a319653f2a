-- Kompass Cloud schema, PostgreSQL, version 4: answers to requests sent with an Idempotency-Key.
--
-- One row per (Scope, RequestKey): Scope is a hash of the caller, so one caller's key never meets
-- another's. A row is in progress (Completed = 0) until the answer is stored. Rows older than the
-- retention (24 hours by default) are deleted by the silo's sweeper: see IdempotencyStore.
-- CreatedAt is Unix time in milliseconds.

CREATE TABLE KompassIdempotency
(
    Scope       VARCHAR(64)  NOT NULL,
    RequestKey  VARCHAR(255) NOT NULL,
    Fingerprint VARCHAR(64)  NOT NULL,
    Completed   INTEGER      NOT NULL DEFAULT 0,
    StatusCode  INTEGER      NULL,
    ContentType VARCHAR(200) NULL,
    Body        BYTEA        NULL,
    CreatedAt   BIGINT       NOT NULL,
    PRIMARY KEY (Scope, RequestKey)
);

CREATE INDEX IX_KompassIdempotency_CreatedAt ON KompassIdempotency (CreatedAt);
