-- Accounts, job postings and enhanced resumes (PostgreSQL).

CREATE TABLE users (
    id            BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Stored already trimmed and lower-cased, which makes the uniqueness case-insensitive.
    email         TEXT        NOT NULL UNIQUE,
    password_hash TEXT        NOT NULL,
    full_name     TEXT        NOT NULL,
    role          TEXT        NOT NULL CHECK (role IN ('user', 'employer', 'admin')),
    tier          TEXT        NOT NULL CHECK (tier IN ('free', 'standard', 'premium')),
    expires_at    TIMESTAMPTZ,
    created_at    TIMESTAMPTZ NOT NULL
);

CREATE TABLE jobs (
    id           BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title        TEXT        NOT NULL,
    company      TEXT,
    location     TEXT,
    description  TEXT        NOT NULL,
    requirements JSONB       NOT NULL,
    nice_to_have JSONB       NOT NULL,
    created_by   BIGINT      REFERENCES users (id) ON DELETE SET NULL,
    created_at   TIMESTAMPTZ NOT NULL
);

CREATE INDEX jobs_created_at_idx ON jobs (created_at, id);
CREATE INDEX jobs_created_by_idx ON jobs (created_by);

CREATE TABLE enhanced_resumes (
    id           BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id      BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    job_id       BIGINT      NOT NULL REFERENCES jobs (id),
    content      JSONB       NOT NULL,
    engine       TEXT        NOT NULL,
    match_report JSONB       NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    version      BIGINT      NOT NULL DEFAULT 1 CHECK (version >= 1)
);

CREATE INDEX enhanced_resumes_user_created_idx
    ON enhanced_resumes (user_id, created_at);
CREATE INDEX enhanced_resumes_user_job_created_idx
    ON enhanced_resumes (user_id, job_id, created_at);
CREATE INDEX enhanced_resumes_job_idx ON enhanced_resumes (job_id);
