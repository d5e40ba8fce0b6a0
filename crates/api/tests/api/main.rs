//! HTTP tests of resume-api against a real server on a loopback port.

// Clippy allows unwrap in `#[test]` functions but not in their helpers.
#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed unwrap is a failed test"
)]

mod accounts;
mod docs;
mod enhancement;
mod errors;
mod limits;
mod logs;
mod sections;
mod support;
