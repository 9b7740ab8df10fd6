//! Checking the lock's PIN or passphrase without freezing the screen: mend-shared counts the
//! attempt, the slow Argon2id check (about half a second, on purpose) runs on its own thread,
//! and mend-shared settles the outcome.

use crate::Phone;
use crate::background::off_thread;
use crate::words::sentence;
use mend_shared::lock::{LockError, UnlockOutcome, UnlockStart};
use zeroize::Zeroizing;

/// What to do once the secret is known to be right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Then {
    /// Open the app.
    Unlock,
    /// Take the lock off (Settings).
    RemoveLock,
}

/// Try `secret` against the lock (see [`mend_shared::lock`]); an error is a sentence for the screen.
pub async fn attempt(phone: &Phone, secret: String, then: Then) -> Result<UnlockOutcome, String> {
    let said = |e: LockError| sentence(&format!("the lock couldn't check that: {e}"));
    let pending = match phone.with_session(|s| s.begin_unlock()).map_err(said)? {
        UnlockStart::Wait(remaining) => return Ok(UnlockOutcome::Wait { remaining }),
        UnlockStart::Check(pending) => pending,
    };
    let secret = Zeroizing::new(secret);
    let checked = off_thread(move || pending.check(&secret))
        .await
        .map_err(|stopped| sentence(&stopped.to_string()))?
        .map_err(said)?;
    phone
        .with_session(|s| match then {
            Then::Unlock => s.finish_unlock(checked),
            Then::RemoveLock => s.remove_app_lock(checked),
        })
        .map_err(said)
}
