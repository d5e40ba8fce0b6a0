//! Authentication adapters of resume-enhancer.
//!
//! - [`Argon2Hasher`] implements the domain's [`PasswordHasher`] port with
//!   Argon2id, running the deliberately slow work on tokio's blocking pool.
//! - [`JwtTokens`] implements the domain's [`TokenService`] port with HS256
//!   JSON Web Tokens whose validation accepts HS256 only.
//!
//! [`PasswordHasher`]: resume_domain::ports::PasswordHasher
//! [`TokenService`]: resume_domain::ports::TokenService

#![deny(missing_docs)]

mod password;
mod token;

pub use password::{Argon2Hasher, HasherConfigError};
pub use token::{JwtSecret, JwtTokens, SecretTooShort, MIN_SECRET_BYTES};
