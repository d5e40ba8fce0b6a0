//! HS256 JSON Web Tokens.
//!
//! A token carries `sub` (the user id as a string), `iat` and `exp`. Checking
//! accepts HS256 only, whatever the token's header claims (`none`, `RS256` and
//! friends are refused), requires `exp`, and allows [`JwtTokens::LEEWAY_SECS`]
//! of clock skew.

use chrono::{DateTime, Utc};
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use resume_domain::ports::{IssuedToken, TokenService};
use resume_domain::{TokenError, UserId};
use serde::{Deserialize, Serialize};

/// Shortest secret accepted, in bytes (the HS256 output size).
pub const MIN_SECRET_BYTES: usize = 32;

/// The signing key was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the JWT secret must be at least {MIN_SECRET_BYTES} bytes long, got {0}")]
pub struct SecretTooShort(pub usize);

/// The signing key. Its `Debug` output never shows the bytes.
#[derive(Clone)]
pub struct JwtSecret(Vec<u8>);

impl JwtSecret {
    /// Wraps key bytes.
    ///
    /// # Errors
    /// [`SecretTooShort`] when the key is shorter than [`MIN_SECRET_BYTES`].
    pub fn new(bytes: impl Into<Vec<u8>>) -> Result<Self, SecretTooShort> {
        let bytes = bytes.into();
        if bytes.len() < MIN_SECRET_BYTES {
            return Err(SecretTooShort(bytes.len()));
        }
        Ok(Self(bytes))
    }
}

impl std::fmt::Debug for JwtSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JwtSecret(<redacted>)")
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    sub: String,
    iat: i64,
    exp: i64,
}

/// Issues and checks HS256 tokens; implements [`TokenService`].
pub struct JwtTokens {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    ttl_secs: u64,
}

impl std::fmt::Debug for JwtTokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JwtTokens")
            .field("ttl_secs", &self.ttl_secs)
            .finish_non_exhaustive()
    }
}

impl JwtTokens {
    /// Clock skew tolerated when checking `exp`, in seconds.
    pub const LEEWAY_SECS: u64 = 5;

    /// A token service signing with `secret`; tokens live `ttl_secs` seconds.
    pub fn new(secret: &JwtSecret, ttl_secs: u64) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.algorithms = vec![Algorithm::HS256];
        validation.leeway = Self::LEEWAY_SECS;
        validation.validate_exp = true;
        validation.set_required_spec_claims(&["exp", "sub", "iat"]);

        Self {
            encoding: EncodingKey::from_secret(&secret.0),
            decoding: DecodingKey::from_secret(&secret.0),
            validation,
            ttl_secs,
        }
    }

    /// Lifetime of the tokens issued, in seconds.
    pub fn ttl_secs(&self) -> u64 {
        self.ttl_secs
    }
}

impl TokenService for JwtTokens {
    fn issue(&self, user: UserId, now: DateTime<Utc>) -> Result<IssuedToken, TokenError> {
        let ttl = i64::try_from(self.ttl_secs).map_err(|_| TokenError::Invalid)?;
        let claims = Claims {
            sub: user.get().to_string(),
            iat: now.timestamp(),
            exp: now.timestamp().saturating_add(ttl),
        };

        let token = jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|_| TokenError::Invalid)?;

        Ok(IssuedToken {
            token,
            expires_in: self.ttl_secs,
        })
    }

    fn verify(&self, token: &str) -> Result<UserId, TokenError> {
        let data = jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation)
            .map_err(|err| match err.kind() {
                ErrorKind::ExpiredSignature => TokenError::Expired,
                _ => TokenError::Invalid,
            })?;

        let raw: i64 = data.claims.sub.parse().map_err(|_| TokenError::Invalid)?;
        Ok(UserId::new(raw))
    }
}

#[cfg(test)]
mod tests {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine as _;
    use chrono::Duration;

    use super::*;

    fn tokens(key: &[u8]) -> JwtTokens {
        JwtTokens::new(&JwtSecret::new(key.to_vec()).unwrap(), 3600)
    }

    fn now() -> DateTime<Utc> {
        DateTime::<Utc>::from(std::time::SystemTime::now())
    }

    fn key_a() -> Vec<u8> {
        vec![b'a'; 32]
    }

    fn b64(json: &serde_json::Value) -> String {
        URL_SAFE_NO_PAD.encode(json.to_string())
    }

    #[test]
    fn an_issued_token_verifies_to_its_user() {
        let service = tokens(&key_a());
        let issued = service.issue(UserId::new(42), now()).unwrap();

        assert_eq!(issued.expires_in, 3600);
        assert_eq!(service.verify(&issued.token).unwrap(), UserId::new(42));
    }

    #[test]
    fn the_claims_carry_sub_as_a_string_with_iat_and_exp() {
        let now = now();
        let issued = tokens(&key_a()).issue(UserId::new(7), now).unwrap();
        let payload = issued.token.split('.').nth(1).unwrap();
        let claims: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap();

        assert_eq!(claims["sub"], "7");
        assert_eq!(claims["iat"], now.timestamp());
        assert_eq!(claims["exp"], now.timestamp() + 3600);
    }

    #[test]
    fn an_expired_token_is_reported_as_expired() {
        let service = tokens(&key_a());
        let issued = service
            .issue(UserId::new(1), now() - Duration::hours(2))
            .unwrap();

        assert_eq!(service.verify(&issued.token), Err(TokenError::Expired));
    }

    #[test]
    fn a_token_just_inside_the_leeway_is_accepted() {
        let service = JwtTokens::new(&JwtSecret::new(key_a()).unwrap(), 10);
        let issued = service
            .issue(UserId::new(1), now() - Duration::seconds(12))
            .unwrap();

        assert_eq!(service.verify(&issued.token), Ok(UserId::new(1)));
    }

    #[test]
    fn a_tampered_signature_is_invalid() {
        let service = tokens(&key_a());
        let token = service.issue(UserId::new(1), now()).unwrap().token;
        let (head, sig) = token.rsplit_once('.').unwrap();
        let flipped = if sig.starts_with('A') { "B" } else { "A" };
        let tampered = format!("{head}.{flipped}{}", &sig[1..]);

        assert_eq!(service.verify(&tampered), Err(TokenError::Invalid));
    }

    #[test]
    fn a_tampered_payload_is_invalid() {
        let service = tokens(&key_a());
        let token = service.issue(UserId::new(1), now()).unwrap().token;
        let parts: Vec<&str> = token.split('.').collect();
        let exp = now().timestamp() + 3600;
        let payload = b64(&serde_json::json!({"sub": "2", "iat": 0, "exp": exp}));
        let forged = format!("{}.{payload}.{}", parts[0], parts[2]);

        assert_eq!(service.verify(&forged), Err(TokenError::Invalid));
    }

    #[test]
    fn an_unsigned_alg_none_token_is_invalid() {
        let exp = now().timestamp() + 3600;
        let header = b64(&serde_json::json!({"alg": "none", "typ": "JWT"}));
        let payload = b64(&serde_json::json!({"sub": "1", "iat": 0, "exp": exp}));

        for token in [
            format!("{header}.{payload}."),
            format!("{header}.{payload}"),
        ] {
            assert_eq!(tokens(&key_a()).verify(&token), Err(TokenError::Invalid));
        }
    }

    #[test]
    fn a_token_signed_with_another_key_is_invalid() {
        let other = tokens(&[b'b'; 32]).issue(UserId::new(1), now()).unwrap();

        assert_eq!(
            tokens(&key_a()).verify(&other.token),
            Err(TokenError::Invalid)
        );
    }

    #[test]
    fn a_token_using_another_hmac_algorithm_is_invalid() {
        let claims = Claims {
            sub: "1".into(),
            iat: 0,
            exp: now().timestamp() + 3600,
        };
        let token = jsonwebtoken::encode(
            &Header::new(Algorithm::HS512),
            &claims,
            &EncodingKey::from_secret(&key_a()),
        )
        .unwrap();

        assert_eq!(tokens(&key_a()).verify(&token), Err(TokenError::Invalid));
    }

    #[test]
    fn a_token_without_exp_is_invalid() {
        let claims = serde_json::json!({"sub": "1", "iat": 0});
        let token = jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            &claims,
            &EncodingKey::from_secret(&key_a()),
        )
        .unwrap();

        assert_eq!(tokens(&key_a()).verify(&token), Err(TokenError::Invalid));
    }

    #[test]
    fn garbage_is_invalid() {
        for token in ["", "abc", "a.b.c", "Bearer x"] {
            assert_eq!(tokens(&key_a()).verify(token), Err(TokenError::Invalid));
        }
    }

    #[test]
    fn short_secrets_are_refused_and_secrets_never_print() {
        assert!(JwtSecret::new(vec![1; 8]).is_err());

        let secret = JwtSecret::new(b"super-secret-key-material-0123456789".to_vec()).unwrap();
        let shown = format!("{secret:?} {:?}", JwtTokens::new(&secret, 60));
        assert!(!shown.contains("super-secret"));
    }
}
