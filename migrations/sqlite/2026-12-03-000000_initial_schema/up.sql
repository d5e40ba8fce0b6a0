-- Accounts, job postings and enhanced resumes (SQLite).
-- Timestamps are UTC text `YYYY-MM-DD HH:MM:SS[.ffffff]`, which sorts in time order.
-- JSON documents are text checked with json_valid.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    -- Stored already trimmed and lower-cased, which makes the uniqueness case-insensitive.
    email         TEXT    NOT NULL UNIQUE,
    password_hash TEXT    NOT NULL,
    full_name     TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('user', 'employer', 'admin')),
    tier          TEXT    NOT NULL CHECK (tier IN ('free', 'standard', 'premium')),
    expires_at    TEXT,
    created_at    TEXT    NOT NULL
);

CREATE TABLE jobs (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    title        TEXT    NOT NULL,
    company      TEXT,
    location     TEXT,
    description  TEXT    NOT NULL,
    requirements TEXT    NOT NULL CHECK (json_valid(requirements)),
    nice_to_have TEXT    NOT NULL CHECK (json_valid(nice_to_have)),
    created_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at   TEXT    NOT NULL
);

CREATE INDEX jobs_created_at_idx ON jobs (created_at, id);
CREATE INDEX jobs_created_by_idx ON jobs (created_by);

CREATE TABLE enhanced_resumes (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    job_id       INTEGER NOT NULL REFERENCES jobs (id),
    content      TEXT    NOT NULL CHECK (json_valid(content)),
    engine       TEXT    NOT NULL,
    match_report TEXT    NOT NULL CHECK (json_valid(match_report)),
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1)
);

CREATE INDEX enhanced_resumes_user_created_idx
    ON enhanced_resumes (user_id, created_at);
CREATE INDEX enhanced_resumes_user_job_created_idx
    ON enhanced_resumes (user_id, job_id, created_at);
CREATE INDEX enhanced_resumes_job_idx ON enhanced_resumes (job_id);
