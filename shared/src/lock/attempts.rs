//! Wrong unlock attempts and the wait they earn, kept in the data file so a restart doesn't
//! reset them.
//!
//! Five free tries, then 30 s, doubling with every further wrong try, never more than 15 minutes.
//! The wait is measured on the phone's clock; a clock turned back can't stretch it past the wait
//! that was set, so nobody is locked out for longer than [`MAX_WAIT`] at a time.

use super::LockError;
use crate::session::Session;
use crate::time::Stamp;
use std::time::Duration;

/// Wrong tries allowed before the first wait.
pub const FREE_TRIES: u32 = 5;
/// The first wait, after [`FREE_TRIES`] wrong tries.
pub const FIRST_WAIT: Duration = Duration::from_secs(30);
/// The longest wait.
pub const MAX_WAIT: Duration = Duration::from_secs(15 * 60);

const KEY: &str = "lock/attempts";

/// The wait after `failures` wrong tries in a row.
pub fn wait_after(failures: u32) -> Duration {
    if failures < FREE_TRIES {
        return Duration::ZERO;
    }
    let doublings = (failures - FREE_TRIES).min(16);
    FIRST_WAIT.saturating_mul(1 << doublings).min(MAX_WAIT)
}

/// Wrong tries in a row, and when the next try is allowed.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(super) struct Attempts {
    pub(super) failures: u32,
    /// Unix milliseconds; 0 when there is no wait.
    next_allowed_ms: i64,
}

impl Attempts {
    pub(super) fn load(s: &Session) -> Result<Self, LockError> {
        match s.store_ref().value(KEY)? {
            None => Ok(Self::default()),
            // A damaged entry must not open the lock early, nor shut it for good: it reads as
            // "free tries used up", so every wrong try from then on earns a wait.
            Some(raw) => {
                Ok(serde_json::from_slice(&raw)
                    .unwrap_or(Attempts { failures: FREE_TRIES, next_allowed_ms: 0 }))
            }
        }
    }

    pub(super) fn save(&self, s: &mut Session) -> Result<(), LockError> {
        let raw = serde_json::to_vec(self).map_err(|e| LockError::Damaged(e.to_string()))?;
        s.store().set_value(KEY, &raw)?;
        Ok(())
    }

    /// These attempts plus one wrong try made `now`.
    pub(super) fn failed_at(&self, now: Stamp) -> Self {
        let failures = self.failures.saturating_add(1);
        let wait = wait_after(failures);
        let next_allowed_ms =
            if wait.is_zero() { 0 } else { now.unix_millis().saturating_add(wait.as_millis() as i64) };
        Attempts { failures, next_allowed_ms }
    }

    /// How long from `now` until the next try (zero if now), never more than the wait earned.
    pub(super) fn remaining(&self, now: Stamp) -> Duration {
        let left_ms = self.next_allowed_ms.saturating_sub(now.unix_millis());
        if left_ms <= 0 {
            return Duration::ZERO;
        }
        Duration::from_millis(left_ms as u64).min(wait_after(self.failures).max(FIRST_WAIT))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_start_after_five_tries_double_and_stop_growing_at_fifteen_minutes() {
        let waits: Vec<u64> = (0..12).map(|n| wait_after(n).as_secs()).collect();
        assert_eq!(waits, [0, 0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900]);
        assert_eq!(wait_after(u32::MAX), MAX_WAIT);
    }
}
