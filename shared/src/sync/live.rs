//! Live sync while the app is open: long-poll for the partner's changes, push mine as soon as I
//! make them, and back off gently while the relay is unreachable.

use super::Syncer;
use std::future::Future;
use std::time::Duration;

/// How long one long-poll waits for the partner's changes.
pub const LIVE_WAIT: Duration = Duration::from_secs(25);
/// The first retry delay after an error; doubles up to [`MAX_BACKOFF`].
pub const FIRST_BACKOFF: Duration = Duration::from_secs(1);
/// The longest wait between retries while offline.
pub const MAX_BACKOFF: Duration = Duration::from_secs(60);

/// The delay before retry number `attempt` (0-based): 1 s, 2 s, 4 s … capped at a minute.
pub fn backoff(attempt: u32) -> Duration {
    FIRST_BACKOFF.saturating_mul(1u32 << attempt.min(6)).min(MAX_BACKOFF)
}

impl Syncer {
    /// Sync continuously until `stop` completes. A local change (see [`Syncer::local_change`])
    /// interrupts the long-poll so it is pushed at once; errors back off and are shown in the
    /// status, and the loop never gives up.
    pub async fn run_live(&self, stop: impl Future<Output = ()>) {
        tokio::pin!(stop);
        let mut failures: u32 = 0;
        loop {
            let round = tokio::select! {
                _ = &mut stop => return,
                // A local change cancels the long-poll; the next round pushes it.
                _ = self.wake.notified() => continue,
                r = self.round(LIVE_WAIT) => r,
            };
            self.finish_round(&round);
            match round {
                Ok(_) => failures = 0,
                Err(e) => {
                    tracing::info!(error = %e, "sync round failed; backing off");
                    let delay = backoff(failures);
                    failures = failures.saturating_add(1);
                    tokio::select! {
                        _ = &mut stop => return,
                        _ = self.wake.notified() => {}
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
}
