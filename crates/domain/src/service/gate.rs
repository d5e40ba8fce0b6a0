//! The subscription gate: who may enhance, and how often.
//!
//! Usage is counted from the stored resumes over a rolling 24 hours, so the
//! quota holds across server instances that share a database.

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};

use crate::account::{SubscriptionStatus, Tier, User};
use crate::error::GateRefusal;
use crate::ports::{GateError, ResumeRepo, SubscriptionGate};

/// Enhancements allowed per rolling 24 hours, per tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quotas {
    /// Standard tier.
    pub standard: u32,
    /// Premium tier.
    pub premium: u32,
}

impl Default for Quotas {
    fn default() -> Self {
        Self {
            standard: 20,
            premium: 200,
        }
    }
}

impl Quotas {
    /// The quota of a tier; `None` for tiers without enhancement.
    pub fn of(&self, tier: Tier) -> Option<u32> {
        match tier {
            Tier::Free => None,
            Tier::Standard => Some(self.standard),
            Tier::Premium => Some(self.premium),
        }
    }
}

/// [`SubscriptionGate`] that checks the tier, its expiry and the quota.
pub struct QuotaGate {
    resumes: Arc<dyn ResumeRepo>,
    quotas: Quotas,
}

impl QuotaGate {
    /// The length of the quota window.
    pub const WINDOW_HOURS: i64 = 24;

    /// Builds a gate counting usage in `resumes`.
    pub fn new(resumes: Arc<dyn ResumeRepo>, quotas: Quotas) -> Self {
        Self { resumes, quotas }
    }
}

#[async_trait]
impl SubscriptionGate for QuotaGate {
    async fn admit(&self, user: &User, now: DateTime<Utc>) -> Result<(), GateError> {
        let tier = user.subscription.tier;
        match user.subscription.status_at(now) {
            SubscriptionStatus::None => return Err(GateRefusal::NoSubscription.into()),
            SubscriptionStatus::Expired => return Err(GateRefusal::Expired.into()),
            SubscriptionStatus::Active => {}
        }
        let Some(limit) = self.quotas.of(tier).filter(|_| tier.includes_enhancement()) else {
            return Err(GateRefusal::TierExcludesFeature.into());
        };

        let window = Duration::hours(Self::WINDOW_HOURS);
        let recent = self.resumes.created_since(user.id, now - window).await?;
        if recent.len() < usize::try_from(limit).unwrap_or(usize::MAX) {
            return Ok(());
        }
        let oldest = recent.first().copied().unwrap_or(now);
        let wait = (oldest + window - now).num_seconds().max(1);
        let retry_after_secs = u64::try_from(wait).unwrap_or(1);
        Err(GateRefusal::QuotaExceeded {
            limit,
            retry_after_secs,
        }
        .into())
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::account::{Role, Subscription};
    use crate::ids::{Email, UserId};
    use crate::ports::MockResumeRepo;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 5, 1, 12, 0, 0).unwrap()
    }

    fn user(tier: Tier, expires_in_hours: Option<i64>) -> User {
        User {
            id: UserId::new(1),
            email: Email::parse("a@example.com").unwrap(),
            full_name: String::new(),
            role: Role::User,
            subscription: Subscription {
                tier,
                expires_at: expires_in_hours.map(|h| now() + Duration::hours(h)),
            },
            created_at: now(),
        }
    }

    fn gate_with_usage(count: usize, quotas: Quotas) -> QuotaGate {
        let mut repo = MockResumeRepo::new();
        repo.expect_created_since().returning(move |_, since| {
            Ok((0..count)
                .map(|i| since + Duration::hours(1 + i as i64))
                .collect())
        });
        QuotaGate::new(Arc::new(repo), quotas)
    }

    #[tokio::test]
    async fn free_accounts_are_refused_as_having_no_subscription() {
        let gate = gate_with_usage(0, Quotas::default());
        let refusal = gate.admit(&user(Tier::Free, None), now()).await;
        assert_eq!(
            refusal,
            Err(GateError::Refused(GateRefusal::NoSubscription))
        );
    }

    #[tokio::test]
    async fn expired_subscriptions_are_refused_as_expired() {
        let gate = gate_with_usage(0, Quotas::default());
        let refusal = gate.admit(&user(Tier::Premium, Some(-1)), now()).await;
        assert_eq!(refusal, Err(GateError::Refused(GateRefusal::Expired)));
    }

    #[tokio::test]
    async fn active_subscriptions_under_quota_are_admitted() {
        let gate = gate_with_usage(
            1,
            Quotas {
                standard: 2,
                premium: 5,
            },
        );
        assert_eq!(
            gate.admit(&user(Tier::Standard, Some(5)), now()).await,
            Ok(())
        );
    }

    #[tokio::test]
    async fn the_quota_refusal_says_when_the_oldest_use_leaves_the_window() {
        let gate = gate_with_usage(
            2,
            Quotas {
                standard: 2,
                premium: 5,
            },
        );
        let refusal = gate.admit(&user(Tier::Standard, None), now()).await;
        // The oldest use is 23 hours old: one hour to wait.
        let expected = GateRefusal::QuotaExceeded {
            limit: 2,
            retry_after_secs: 3600,
        };
        assert_eq!(refusal, Err(GateError::Refused(expected)));
    }
}
