//! Argon2id password hashing.
//!
//! Parameters follow the OWASP password storage recommendation for Argon2id
//! (19 MiB of memory, two passes, one lane). A stored hash is a PHC string that
//! carries its own parameters, so hashes made with other parameters still
//! verify after the defaults change.
//!
//! Verifying against no stored hash (an unknown email) checks the password
//! against a dummy hash made once at construction with the same parameters, so
//! the time a login takes does not reveal whether the account exists.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{
    self, PasswordHash, PasswordHasher as _, PasswordVerifier, SaltString,
};
use argon2::{Algorithm, Argon2, Params, Version};
use async_trait::async_trait;
use resume_domain::ports::PasswordHasher;
use resume_domain::HashError;

/// The parameters could not be used to build a hasher.
#[derive(Debug, thiserror::Error)]
#[error("invalid Argon2 configuration: {0}")]
pub struct HasherConfigError(String);

/// Argon2id hasher implementing [`PasswordHasher`].
#[derive(Clone)]
pub struct Argon2Hasher {
    params: Params,
    dummy_hash: String,
}

impl std::fmt::Debug for Argon2Hasher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Argon2Hasher")
            .field("m_cost_kib", &self.params.m_cost())
            .field("t_cost", &self.params.t_cost())
            .field("p_cost", &self.params.p_cost())
            .finish_non_exhaustive()
    }
}

impl Argon2Hasher {
    /// Memory cost in KiB recommended by OWASP for Argon2id.
    pub const OWASP_MEMORY_KIB: u32 = 19_456;
    /// Number of passes recommended by OWASP for Argon2id.
    pub const OWASP_ITERATIONS: u32 = 2;
    /// Degree of parallelism recommended by OWASP for Argon2id.
    pub const OWASP_PARALLELISM: u32 = 1;

    /// A hasher with the OWASP-recommended parameters. Computes the dummy
    /// hash, which takes as long as one hash (tens of milliseconds).
    ///
    /// # Errors
    /// [`HasherConfigError`] if hashing the dummy password fails, which only
    /// happens when the system random source is unavailable.
    pub fn owasp() -> Result<Self, HasherConfigError> {
        Self::with_params(
            Self::OWASP_MEMORY_KIB,
            Self::OWASP_ITERATIONS,
            Self::OWASP_PARALLELISM,
        )
    }

    /// A hasher with the smallest parameters Argon2 allows, so that tests
    /// hash quickly. Never use it to store real passwords.
    ///
    /// # Errors
    /// As [`Argon2Hasher::owasp`].
    pub fn insecure_fast_for_tests() -> Result<Self, HasherConfigError> {
        Self::with_params(Params::MIN_M_COST, Params::MIN_T_COST, Params::MIN_P_COST)
    }

    /// A hasher with explicit parameters: memory in KiB, passes, lanes.
    ///
    /// # Errors
    /// [`HasherConfigError`] when the parameters are out of Argon2's ranges.
    pub fn with_params(
        memory_kib: u32,
        iterations: u32,
        parallelism: u32,
    ) -> Result<Self, HasherConfigError> {
        let params = Params::new(memory_kib, iterations, parallelism, None)
            .map_err(|err| HasherConfigError(err.to_string()))?;

        let dummy_hash = hash_with(&params, b"no account has this password")
            .map_err(|err| HasherConfigError(err.to_string()))?;

        Ok(Self { params, dummy_hash })
    }
}

fn argon2(params: &Params) -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone())
}

fn hash_with(params: &Params, password: &[u8]) -> Result<String, password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(argon2(params).hash_password(password, &salt)?.to_string())
}

fn verify_with(params: &Params, password: &[u8], phc: &str) -> Result<bool, HashError> {
    let parsed = PasswordHash::new(phc)
        .map_err(|err| HashError(format!("stored hash is unreadable: {err}")))?;

    match argon2(params).verify_password(password, &parsed) {
        Ok(()) => Ok(true),
        Err(password_hash::Error::Password) => Ok(false),
        Err(err) => Err(HashError(format!("verification failed: {err}"))),
    }
}

async fn off_the_workers<T, F>(work: F) -> Result<T, HashError>
where
    F: FnOnce() -> Result<T, HashError> + Send + 'static,
    T: Send + 'static,
{
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|err| HashError(format!("hashing worker stopped: {err}")))?
}

#[async_trait]
impl PasswordHasher for Argon2Hasher {
    async fn hash(&self, password: String) -> Result<String, HashError> {
        let params = self.params.clone();

        off_the_workers(move || {
            hash_with(&params, password.as_bytes()).map_err(|err| HashError(err.to_string()))
        })
        .await
    }

    async fn verify(&self, password: String, hash: Option<String>) -> Result<bool, HashError> {
        let params = self.params.clone();
        let known = hash.is_some();
        let phc = hash.unwrap_or_else(|| self.dummy_hash.clone());

        let matched =
            off_the_workers(move || verify_with(&params, password.as_bytes(), &phc)).await?;

        Ok(known && matched)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fast() -> Argon2Hasher {
        Argon2Hasher::insecure_fast_for_tests().unwrap()
    }

    #[tokio::test]
    async fn a_hashed_password_verifies_and_a_wrong_one_does_not() {
        let hasher = fast();
        let phc = hasher.hash("correct horse".into()).await.unwrap();

        assert!(phc.starts_with("$argon2id$v=19$"));
        assert!(hasher
            .verify("correct horse".into(), Some(phc.clone()))
            .await
            .unwrap());
        assert!(!hasher
            .verify("wrong horse".into(), Some(phc))
            .await
            .unwrap());
    }

    #[tokio::test]
    async fn the_same_password_hashes_differently_each_time() {
        let hasher = fast();
        let first = hasher.hash("pw12345678".into()).await.unwrap();
        let second = hasher.hash("pw12345678".into()).await.unwrap();

        assert_ne!(first, second);
    }

    #[tokio::test]
    async fn verifying_without_a_stored_hash_is_always_false() {
        let hasher = fast();

        let dummy_password = "no account has this password".to_owned();
        assert!(!hasher.verify(dummy_password, None).await.unwrap());
        assert!(!hasher.verify("anything".into(), None).await.unwrap());
    }

    #[tokio::test]
    async fn a_broken_stored_hash_is_a_hash_error() {
        let hasher = fast();
        let err = hasher
            .verify("pw".into(), Some("not a phc string".into()))
            .await;

        assert!(err.is_err());
    }

    #[tokio::test]
    async fn hashes_made_with_other_parameters_still_verify() {
        let old = Argon2Hasher::with_params(Params::MIN_M_COST * 2, 1, 1).unwrap();
        let phc = old.hash("pw12345678".into()).await.unwrap();

        assert!(fast().verify("pw12345678".into(), Some(phc)).await.unwrap());
    }

    #[test]
    fn owasp_parameters_are_used_by_default() {
        let hasher = Argon2Hasher::owasp().unwrap();

        assert!(hasher.dummy_hash.contains("m=19456,t=2,p=1"));
    }

    #[test]
    fn out_of_range_parameters_are_refused() {
        assert!(Argon2Hasher::with_params(1, 1, 1).is_err());
    }
}
