//! Registration, login, token checks and subscription changes.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::account::{NewUser, Role, Subscription, SubscriptionStatus, User};
use crate::error::{DomainError, RepoError, TokenError, ValidationError};
use crate::ids::{Email, UserId};
use crate::ports::{Clock, IssuedToken, PasswordHasher, TokenService, UserRepo};

/// Shortest password accepted, in characters.
pub const MIN_PASSWORD_CHARS: usize = 8;
/// Longest password accepted, in characters (at most 1 KiB of UTF-8, which
/// bounds the hashing work).
pub const MAX_PASSWORD_CHARS: usize = 256;
/// Longest display name accepted, in characters.
pub const MAX_NAME_CHARS: usize = 200;

/// What a person sends to open an account.
#[derive(Debug, Clone)]
pub struct Registration {
    /// Email address (validated and normalised here).
    pub email: String,
    /// Password in clear text.
    pub password: String,
    /// Display name.
    pub full_name: String,
}

/// An account created by an operator, with its role and plan.
#[derive(Debug, Clone)]
pub struct NewAccount {
    /// Email, password and name.
    pub registration: Registration,
    /// Role of the account.
    pub role: Role,
    /// Plan of the account.
    pub subscription: Subscription,
}

/// A successful login.
#[derive(Debug, Clone)]
pub struct Session {
    /// The bearer token.
    pub token: IssuedToken,
    /// Whose it is.
    pub user: User,
}

/// Accounts, credentials and subscriptions.
pub struct AccountService {
    users: Arc<dyn UserRepo>,
    hasher: Arc<dyn PasswordHasher>,
    tokens: Arc<dyn TokenService>,
    clock: Arc<dyn Clock>,
}

impl AccountService {
    /// Builds the service from its ports.
    pub fn new(
        users: Arc<dyn UserRepo>,
        hasher: Arc<dyn PasswordHasher>,
        tokens: Arc<dyn TokenService>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            users,
            hasher,
            tokens,
            clock,
        }
    }

    /// The current instant of the service's clock.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// Opens a `user` account on the free tier.
    ///
    /// # Errors
    /// [`DomainError::Validation`] for a bad email, name or password,
    /// [`DomainError::Conflict`] when the email is taken.
    pub async fn register(&self, registration: Registration) -> Result<User, DomainError> {
        let account = NewAccount {
            registration,
            role: Role::User,
            subscription: Subscription::FREE,
        };
        self.create_account(account).await
    }

    /// Creates an account with any role and plan (operators and start-up).
    ///
    /// # Errors
    /// As [`AccountService::register`].
    pub async fn create_account(&self, account: NewAccount) -> Result<User, DomainError> {
        let NewAccount {
            registration,
            role,
            subscription,
        } = account;
        let email = Email::parse(&registration.email)?;
        let full_name = validate_name(&registration.full_name)?;
        validate_password(&registration.password)?;

        let password_hash = self.hasher.hash(registration.password).await?;
        let new = NewUser {
            email,
            full_name,
            password_hash,
            role,
            subscription,
        };
        Ok(self.users.create(new).await?)
    }

    /// Checks credentials and issues a token. An unknown email and a wrong
    /// password give the same error and take the same time.
    ///
    /// # Errors
    /// [`DomainError::Unauthenticated`] for bad credentials.
    pub async fn login(&self, email: &str, password: &str) -> Result<Session, DomainError> {
        let refused = || DomainError::Unauthenticated("invalid email or password".into());
        let password = password.to_owned();
        let Ok(email) = Email::parse(email) else {
            self.hasher.verify(password, None).await?;
            return Err(refused());
        };

        let stored = match self.users.credentials(&email).await {
            Ok(stored) => Some(stored),
            Err(RepoError::NotFound) => None,
            Err(other) => return Err(other.into()),
        };
        let hash = stored.as_ref().map(|s| s.password_hash.clone());
        let valid = self.hasher.verify(password, hash).await?;

        match stored {
            Some(stored) if valid => {
                let token = self
                    .tokens
                    .issue(stored.user.id, self.clock.now())
                    .map_err(|e| DomainError::Internal(format!("could not sign a token: {e}")))?;
                Ok(Session {
                    token,
                    user: stored.user,
                })
            }
            _ => Err(refused()),
        }
    }

    /// The account a bearer token belongs to.
    ///
    /// # Errors
    /// [`DomainError::Unauthenticated`] for an invalid or expired token, or
    /// one whose account no longer exists.
    pub async fn authenticate(&self, bearer: &str) -> Result<User, DomainError> {
        let id = self.tokens.verify(bearer).map_err(|e| match e {
            TokenError::Expired => DomainError::Unauthenticated("the token has expired".into()),
            TokenError::Invalid => DomainError::Unauthenticated("the token is invalid".into()),
        })?;
        match self.users.get(id).await {
            Ok(user) => Ok(user),
            Err(RepoError::NotFound) => Err(DomainError::Unauthenticated(
                "the account no longer exists".into(),
            )),
            Err(other) => Err(other.into()),
        }
    }

    /// A user's plan and its status now.
    pub fn subscription_of(&self, user: &User) -> (Subscription, SubscriptionStatus) {
        (
            user.subscription,
            user.subscription.status_at(self.clock.now()),
        )
    }

    /// Changes another account's plan; only admins may.
    ///
    /// # Errors
    /// [`DomainError::Forbidden`] for a non-admin actor,
    /// [`DomainError::NotFound`] for an unknown target.
    pub async fn set_subscription(
        &self,
        actor: &User,
        target: UserId,
        subscription: Subscription,
    ) -> Result<User, DomainError> {
        if actor.role != Role::Admin {
            return Err(DomainError::Forbidden(
                "only administrators may change subscriptions".into(),
            ));
        }
        self.users
            .set_subscription(target, subscription)
            .await
            .map_err(not_found("user"))
    }

    /// Changes the plan of the account with `email` (operators).
    ///
    /// # Errors
    /// [`DomainError::Validation`] for a bad email, [`DomainError::NotFound`]
    /// when there is no such account.
    pub async fn set_subscription_by_email(
        &self,
        email: &str,
        subscription: Subscription,
    ) -> Result<User, DomainError> {
        let email = Email::parse(email)?;
        let user = self
            .users
            .find_by_email(&email)
            .await
            .map_err(not_found("user"))?;
        Ok(self.users.set_subscription(user.id, subscription).await?)
    }

    /// Makes sure an admin account with these credentials exists: creates it,
    /// or gives an existing account of that email the admin role and this
    /// password.
    ///
    /// # Errors
    /// As [`AccountService::create_account`].
    pub async fn ensure_admin(&self, email: &str, password: &str) -> Result<User, DomainError> {
        let parsed = Email::parse(email)?;
        validate_password(password)?;
        match self.users.find_by_email(&parsed).await {
            Ok(user) => {
                let hash = self.hasher.hash(password.to_owned()).await?;
                Ok(self
                    .users
                    .set_role_and_password(user.id, Role::Admin, hash)
                    .await?)
            }
            Err(RepoError::NotFound) => {
                let registration = Registration {
                    email: email.to_owned(),
                    password: password.to_owned(),
                    full_name: "Administrator".to_owned(),
                };
                let account = NewAccount {
                    registration,
                    role: Role::Admin,
                    subscription: Subscription {
                        tier: crate::Tier::Premium,
                        expires_at: None,
                    },
                };
                self.create_account(account).await
            }
            Err(other) => Err(other.into()),
        }
    }
}

/// Maps [`RepoError::NotFound`] to a [`DomainError::NotFound`] naming `what`.
pub(crate) fn not_found(what: &'static str) -> impl Fn(RepoError) -> DomainError {
    move |err| match err {
        RepoError::NotFound => DomainError::NotFound(what),
        other => other.into(),
    }
}

fn validate_password(password: &str) -> Result<(), ValidationError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(ValidationError::new(
            "password",
            "must be at least 8 characters long",
        ));
    }
    if password.chars().count() > MAX_PASSWORD_CHARS {
        return Err(ValidationError::new(
            "password",
            "must be at most 256 characters long",
        ));
    }
    Ok(())
}

fn validate_name(name: &str) -> Result<String, ValidationError> {
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(ValidationError::new(
            "full_name",
            "must be at most 200 characters long",
        ));
    }
    if name.chars().any(char::is_control) {
        return Err(ValidationError::new(
            "full_name",
            "must not contain control characters",
        ));
    }
    Ok(name.trim().to_owned())
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use mockall::predicate::eq;

    use super::*;
    use crate::account::{Tier, UserCredentials};
    use crate::ports::{MockClock, MockPasswordHasher, MockTokenService, MockUserRepo};

    fn user(role: Role) -> User {
        User {
            id: UserId::new(7),
            email: Email::parse("ada@example.com").unwrap(),
            full_name: "Ada".into(),
            role,
            subscription: Subscription::FREE,
            created_at: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
        }
    }

    fn clock() -> MockClock {
        let mut clock = MockClock::new();
        clock
            .expect_now()
            .returning(|| Utc.with_ymd_and_hms(2026, 1, 2, 0, 0, 0).unwrap());
        clock
    }

    fn service(
        users: MockUserRepo,
        hasher: MockPasswordHasher,
        tokens: MockTokenService,
    ) -> AccountService {
        AccountService::new(
            Arc::new(users),
            Arc::new(hasher),
            Arc::new(tokens),
            Arc::new(clock()),
        )
    }

    #[tokio::test]
    async fn a_short_password_is_refused_before_anything_is_hashed_or_stored() {
        let svc = service(
            MockUserRepo::new(),
            MockPasswordHasher::new(),
            MockTokenService::new(),
        );
        let registration = Registration {
            email: "ada@example.com".into(),
            password: "short".into(),
            full_name: "Ada".into(),
        };
        let err = svc.register(registration).await.unwrap_err();
        assert!(matches!(err, DomainError::Validation(v) if v.field == "password"));
    }

    #[tokio::test]
    async fn an_unknown_email_still_pays_for_a_password_check() {
        let mut users = MockUserRepo::new();
        users
            .expect_credentials()
            .returning(|_| Err(RepoError::NotFound));
        let mut hasher = MockPasswordHasher::new();
        hasher
            .expect_verify()
            .with(eq("password1".to_owned()), eq(None))
            .times(1)
            .returning(|_, _| Ok(false));
        let svc = service(users, hasher, MockTokenService::new());

        let err = svc
            .login("nobody@example.com", "password1")
            .await
            .unwrap_err();
        assert_eq!(err.to_string(), "invalid email or password");
    }

    #[tokio::test]
    async fn a_wrong_password_gives_the_same_answer_as_an_unknown_email() {
        let mut users = MockUserRepo::new();
        users.expect_credentials().returning(|_| {
            Ok(UserCredentials {
                user: user(Role::User),
                password_hash: "$argon2id$stored".into(),
            })
        });
        let mut hasher = MockPasswordHasher::new();
        hasher.expect_verify().returning(|_, hash| {
            assert_eq!(hash.as_deref(), Some("$argon2id$stored"));
            Ok(false)
        });
        let svc = service(users, hasher, MockTokenService::new());

        let err = svc
            .login("ADA@example.com", "wrong-password")
            .await
            .unwrap_err();
        assert_eq!(err.to_string(), "invalid email or password");
    }

    #[tokio::test]
    async fn a_valid_login_issues_a_token_for_the_account() {
        let mut users = MockUserRepo::new();
        users.expect_credentials().returning(|_| {
            Ok(UserCredentials {
                user: user(Role::User),
                password_hash: "h".into(),
            })
        });
        let mut hasher = MockPasswordHasher::new();
        hasher.expect_verify().returning(|_, _| Ok(true));
        let mut tokens = MockTokenService::new();
        tokens
            .expect_issue()
            .with(eq(UserId::new(7)), mockall::predicate::always())
            .returning(|_, _| {
                Ok(IssuedToken {
                    token: "t".into(),
                    expires_in: 60,
                })
            });
        let svc = service(users, hasher, tokens);

        let session = svc.login("ada@example.com", "password1").await.unwrap();
        assert_eq!(session.token.token, "t");
        assert_eq!(session.user.id, UserId::new(7));
    }

    #[tokio::test]
    async fn a_token_of_a_deleted_account_is_refused() {
        let mut tokens = MockTokenService::new();
        tokens.expect_verify().returning(|_| Ok(UserId::new(7)));
        let mut users = MockUserRepo::new();
        users.expect_get().returning(|_| Err(RepoError::NotFound));
        let svc = service(users, MockPasswordHasher::new(), tokens);

        let err = svc.authenticate("token").await.unwrap_err();
        assert!(matches!(err, DomainError::Unauthenticated(_)));
    }

    #[tokio::test]
    async fn only_admins_may_change_subscriptions() {
        let svc = service(
            MockUserRepo::new(),
            MockPasswordHasher::new(),
            MockTokenService::new(),
        );
        let sub = Subscription {
            tier: Tier::Premium,
            expires_at: None,
        };
        let err = svc
            .set_subscription(&user(Role::Employer), UserId::new(1), sub)
            .await
            .unwrap_err();
        assert!(matches!(err, DomainError::Forbidden(_)));
    }
}
