//! End-to-end tests: the real server, on a real database (SQLite in a
//! temporary directory, or PostgreSQL when `TEST_DATABASE_URL` is set),
//! driven over HTTP with real corpus files.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test fails loudly on anything unexpected"
)]

mod helpers;

mod auth;
mod cli;
mod concurrency;
mod enhance;
mod errors;
mod jobs;
mod model;
mod ownership;
mod resumes;
mod sections;
mod subscription;
mod uploads;
