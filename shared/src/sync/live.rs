//! Live sync while the app is open: long-poll for the partner's changes, push mine as soon as I
//! make them, and back off gently when something fails.
//!
//! Receiving never waits on sending: when the relay refuses pushes (full, oversize) the loop
//! keeps long-polling and retries the push on its own, slower clock. Delays carry jitter so two
//! phones don't retry in step, honour the relay's Retry-After, and stretch to half an hour when
//! the relay refuses the couple's key (only pairing again fixes that).

use super::{SyncError, Syncer};
use crate::relay::RelayError;
use rand::Rng;
use std::future::Future;
use std::time::{Duration, Instant};

/// How long one long-poll waits for the partner's changes.
pub const LIVE_WAIT: Duration = Duration::from_secs(25);
/// The first retry delay after an error; doubles up to [`MAX_BACKOFF`].
pub const FIRST_BACKOFF: Duration = Duration::from_secs(1);
/// The longest wait between retries while offline.
pub const MAX_BACKOFF: Duration = Duration::from_secs(60);
/// The wait between retries while the relay refuses the couple's key.
pub const REFUSED_BACKOFF: Duration = Duration::from_secs(30 * 60);

/// The delay before retry number `attempt` (0-based): 1 s, 2 s, 4 s … capped at a minute.
pub fn backoff(attempt: u32) -> Duration {
    FIRST_BACKOFF.saturating_mul(1u32 << attempt.min(6)).min(MAX_BACKOFF)
}

/// `delay` spread over ±25 %, so phones that failed together don't retry together.
pub fn jittered(delay: Duration) -> Duration {
    delay.mul_f64(rand::thread_rng().gen_range(0.75..1.25))
}

/// How long to wait after `error` on retry number `attempt` (0-based): at least what the relay
/// asked for, a long while if it refused the couple's key, else the jittered backoff.
pub fn retry_delay(error: &SyncError, attempt: u32) -> Duration {
    if matches!(error, SyncError::Relay(RelayError::Unauthorized)) {
        return jittered(REFUSED_BACKOFF);
    }
    let delay = jittered(backoff(attempt));
    match error.retry_after() {
        Some(asked) => delay.max(asked),
        None => delay,
    }
}

/// Whether a local change may cut a wait short (not when the relay asked us to keep away).
fn wake_ends_wait(error: &SyncError) -> bool {
    !matches!(error, SyncError::Relay(RelayError::Unauthorized)) && error.retry_after().is_none()
}

impl Syncer {
    /// Sync continuously until `stop` completes. A local change (see [`Syncer::local_change`])
    /// interrupts the long-poll so it is pushed at once; errors back off and are shown in the
    /// status, and the loop never gives up.
    pub async fn run_live(&self, stop: impl Future<Output = ()>) {
        tokio::pin!(stop);
        let mut pull_failures: u32 = 0;
        let mut push_failures: u32 = 0;
        let mut push_at: Option<Instant> = None;
        // The push error to keep showing while pushes wait for their retry time.
        let mut push_error: Option<SyncError> = None;
        // After a failure the next round doesn't long-poll, so the status turns back to synced
        // as soon as the relay answers again.
        let mut recovering = false;
        loop {
            let push_now = push_at.is_none_or(|t| Instant::now() >= t);
            let wait = if recovering { Duration::ZERO } else { LIVE_WAIT };
            let mut round = tokio::select! {
                _ = &mut stop => return,
                // A local change cancels the long-poll; the next round pushes it.
                _ = self.wake.notified() => continue,
                r = self.round(wait, push_now) => r,
            };
            recovering = false;
            if round.pushed {
                match round.push_error.take() {
                    None => {
                        push_failures = 0;
                        push_at = None;
                        push_error = None;
                    }
                    Some(e) => {
                        let delay = retry_delay(&e, push_failures);
                        tracing::info!(error = %e, ?delay, "push failed; receiving goes on");
                        push_failures = push_failures.saturating_add(1);
                        push_at = Some(Instant::now() + delay);
                        push_error = Some(e);
                    }
                }
            }
            let pull_error = round.pull_error.take();
            let shown = match (pull_error, &push_error) {
                (Some(e), _) => Err(e),
                (None, Some(e)) => {
                    self.refresh_status(Some(e));
                    pull_failures = 0;
                    continue;
                }
                (None, None) => round.into_result(),
            };
            self.finish_round(&shown).await;
            match shown {
                Ok(_) => pull_failures = 0,
                // Bundles that failed to open are reported, not retried: the pull itself worked.
                Err(SyncError::Rejected { .. }) => pull_failures = 0,
                Err(e) => {
                    recovering = true;
                    let delay = retry_delay(&e, pull_failures);
                    tracing::info!(error = %e, ?delay, "sync round failed; backing off");
                    pull_failures = pull_failures.saturating_add(1);
                    let wake = wake_ends_wait(&e);
                    tokio::select! {
                        _ = &mut stop => return,
                        _ = self.wake.notified(), if wake => {}
                        _ = tokio::time::sleep(delay) => {}
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_one_second_to_a_minute() {
        let delays: Vec<u64> = (0..9).map(|a| backoff(a).as_secs()).collect();
        assert_eq!(delays, [1, 2, 4, 8, 16, 32, 60, 60, 60]);
    }

    #[test]
    fn retries_spread_out_and_honour_what_the_relay_asked() {
        let offline = SyncError::Relay(RelayError::Unreachable("down".into()));
        let delays: Vec<Duration> = (0..50).map(|_| retry_delay(&offline, 2)).collect();
        assert!(delays.iter().all(|d| *d >= Duration::from_secs(3) && *d <= Duration::from_secs(5)));
        assert!(delays.iter().any(|d| *d != delays[0]), "jitter varies the delay");
        let busy = SyncError::Relay(RelayError::RateLimited { retry_after_secs: 40 });
        assert!(retry_delay(&busy, 0) >= Duration::from_secs(40));
        assert!(!wake_ends_wait(&busy), "a local change doesn't cut a requested wait short");
        let refused = SyncError::Relay(RelayError::Unauthorized);
        assert!(retry_delay(&refused, 0) >= Duration::from_secs(20 * 60), "a refused key is not hammered");
        assert!(!wake_ends_wait(&refused));
        assert!(wake_ends_wait(&offline));
    }
}
