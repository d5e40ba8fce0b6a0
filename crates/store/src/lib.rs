//! The persistence adapter of resume-enhancer: the domain's [`ResumeRepo`],
//! [`UserRepo`], [`JobRepo`] and [`Readiness`] ports on SQLite (embedded, the
//! default) or PostgreSQL, with Diesel.
//!
//! ```no_run
//! # fn main() -> Result<(), resume_store::StoreError> {
//! let store = resume_store::Store::connect("sqlite://data/resumes.db", 8)?;
//! store.run_migrations()?;
//! let resumes = store.resumes(); // Arc<dyn ResumeRepo>
//! # Ok(()) }
//! ```
//!
//! One code path serves both databases through a connection enum; only the
//! row locking of an update and the migrations differ per backend. Every
//! query runs on Tokio's blocking thread pool. Errors leave the adapter as
//! the ports' [`RepoError`](resume_domain::RepoError).
//!
//! # Known limits
//!
//! - On SQLite all writers share one database lock: edits are serialised,
//!   and a writer that waits longer than the busy timeout (5 s) gets
//!   [`RepoError::Unavailable`](resume_domain::RepoError::Unavailable).
//!   PostgreSQL is the choice when many users edit at once.
//! - Migrations of a PostgreSQL database are serialised across servers by an
//!   advisory lock; two processes migrating one SQLite file at the same
//!   instant are not guarded against (one server owns an SQLite file).
//! - A unique violation is always reported as a taken email, because the
//!   accounts' email is the schema's only unique key besides generated ids;
//!   a new unique key needs its own message in `error.rs`.
//!
//! [`ResumeRepo`]: resume_domain::ports::ResumeRepo
//! [`UserRepo`]: resume_domain::ports::UserRepo
//! [`JobRepo`]: resume_domain::ports::JobRepo
//! [`Readiness`]: resume_domain::ports::Readiness

#![deny(missing_docs)]

mod connection;
mod error;
mod jobs;
mod json;
mod models;
mod resumes;
mod schema;
mod store;
mod users;

pub use connection::Backend;
pub use error::StoreError;
pub use store::{Store, CONNECTION_TIMEOUT};
