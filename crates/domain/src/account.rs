//! Accounts, roles and subscriptions.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::ValidationError;
use crate::ids::{Email, UserId};

/// What an account may do beyond using its own resumes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// A job seeker.
    User,
    /// May post jobs.
    Employer,
    /// May post jobs and change anyone's subscription.
    Admin,
}

impl Role {
    /// The wire and storage spelling.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::User => "user",
            Self::Employer => "employer",
            Self::Admin => "admin",
        }
    }

    /// Whether this role may create job postings.
    pub const fn may_post_jobs(self) -> bool {
        matches!(self, Self::Employer | Self::Admin)
    }
}

impl FromStr for Role {
    type Err = ValidationError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "user" => Ok(Self::User),
            "employer" => Ok(Self::Employer),
            "admin" => Ok(Self::Admin),
            _ => Err(ValidationError::new(
                "role",
                "must be one of user, employer, admin",
            )),
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A subscription plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    /// No paid plan; enhancement is not included.
    Free,
    /// Paid plan that includes enhancement.
    Standard,
    /// Paid plan with a larger enhancement quota.
    Premium,
}

impl Tier {
    /// The wire and storage spelling.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Free => "free",
            Self::Standard => "standard",
            Self::Premium => "premium",
        }
    }

    /// Whether the plan includes resume enhancement.
    pub const fn includes_enhancement(self) -> bool {
        matches!(self, Self::Standard | Self::Premium)
    }
}

impl FromStr for Tier {
    type Err = ValidationError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "free" => Ok(Self::Free),
            "standard" => Ok(Self::Standard),
            "premium" => Ok(Self::Premium),
            _ => Err(ValidationError::new(
                "tier",
                "must be one of free, standard, premium",
            )),
        }
    }
}

impl fmt::Display for Tier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a subscription is in force at a given instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubscriptionStatus {
    /// A paid tier that has not expired.
    Active,
    /// A paid tier whose expiry has passed.
    Expired,
    /// The free tier: there is no subscription.
    None,
}

/// An account's plan and when it ends (`None`: it does not end).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subscription {
    /// The plan.
    pub tier: Tier,
    /// The instant the plan stops being active; `None` for no expiry.
    pub expires_at: Option<DateTime<Utc>>,
}

impl Subscription {
    /// The free plan every new account starts on.
    pub const FREE: Self = Self {
        tier: Tier::Free,
        expires_at: None,
    };

    /// The status of this subscription at `now`. The free tier is always
    /// [`SubscriptionStatus::None`]; a paid tier is expired from its expiry
    /// instant on.
    pub fn status_at(&self, now: DateTime<Utc>) -> SubscriptionStatus {
        match (self.tier, self.expires_at) {
            (Tier::Free, _) => SubscriptionStatus::None,
            (_, Some(end)) if end <= now => SubscriptionStatus::Expired,
            _ => SubscriptionStatus::Active,
        }
    }
}

/// An account as the rest of the system sees it (no password hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// Its id.
    pub id: UserId,
    /// Its normalised email.
    pub email: Email,
    /// The name the person registered with.
    pub full_name: String,
    /// What it may do.
    pub role: Role,
    /// Its plan.
    pub subscription: Subscription,
    /// When it was created.
    pub created_at: DateTime<Utc>,
}

/// What is needed to store a new account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUser {
    /// Normalised email, unique among accounts.
    pub email: Email,
    /// Display name.
    pub full_name: String,
    /// The password hash in PHC string format.
    pub password_hash: String,
    /// Initial role.
    pub role: Role,
    /// Initial plan.
    pub subscription: Subscription,
}

/// A stored account together with its password hash, for login only.
#[derive(Debug, Clone)]
pub struct UserCredentials {
    /// The account.
    pub user: User,
    /// The password hash in PHC string format.
    pub password_hash: String,
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn at(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, day, 0, 0, 0).unwrap()
    }

    #[test]
    fn free_tier_has_no_subscription_whatever_its_expiry() {
        let sub = Subscription {
            tier: Tier::Free,
            expires_at: Some(at(2)),
        };
        assert_eq!(sub.status_at(at(1)), SubscriptionStatus::None);
    }

    #[test]
    fn paid_tier_expires_at_its_expiry_instant() {
        let sub = Subscription {
            tier: Tier::Standard,
            expires_at: Some(at(2)),
        };
        assert_eq!(sub.status_at(at(1)), SubscriptionStatus::Active);
        assert_eq!(sub.status_at(at(2)), SubscriptionStatus::Expired);
    }

    #[test]
    fn paid_tier_without_expiry_stays_active() {
        let sub = Subscription {
            tier: Tier::Premium,
            expires_at: None,
        };
        assert_eq!(sub.status_at(at(28)), SubscriptionStatus::Active);
    }

    #[test]
    fn roles_and_tiers_round_trip_through_their_spelling() {
        for role in [Role::User, Role::Employer, Role::Admin] {
            assert_eq!(role.as_str().parse::<Role>().unwrap(), role);
        }
        for tier in [Tier::Free, Tier::Standard, Tier::Premium] {
            assert_eq!(tier.as_str().parse::<Tier>().unwrap(), tier);
        }
        assert!("root".parse::<Role>().is_err());
    }
}
