//! The app lock: an optional PIN or passphrase that stops someone who picks up the phone.
//!
//! It is a lock on the app's screens, not disk encryption: the data file relies on the phone's
//! own storage encryption. The secret is kept only as an Argon2id hash (salt and parameters in
//! the hash) in this phone's [`crate::secrets::SecretStore`] — never in a document, never synced,
//! never in a backup. Wrong attempts earn a growing wait (five free tries, then 30 s, doubling,
//! at most 15 minutes) that survives a restart, and nothing is ever wiped: a wipe could be used
//! against the owner.
//!
//! Only the owner can take the lock off or replace it: both need the current secret, so someone
//! who finds the phone unlocked can't lock its owner out of their own app.
//!
//! A forgotten secret has a way back that never lets anyone else in: the phone's owner removes
//! the app's data through the phone itself (reinstall, or clear storage), then the partner's
//! phone brings back everything shared ("Replace … lost phone", by a code the partner
//! chooses to give) and a sealed backup brings back the private journal (its passphrase is
//! needed). See [`FORGOTTEN`].
//!
//! ```
//! use mend_shared::lock::{AwayLimit, LockKind, NewLock, UnlockOutcome};
//! use mend_shared::session::Session;
//! use mend_shared::time::{Day, ManualClock};
//! use std::sync::Arc;
//!
//! let clock = Arc::new(ManualClock::at_noon(Day::ymd(2026, 5, 4).unwrap(), 2));
//! let mut phone = Session::in_memory(clock).unwrap();
//! phone
//!     .set_app_lock(NewLock { kind: LockKind::Pin, secret: "482913", confirm: "482913", away: AwayLimit::AtOnce })
//!     .unwrap();
//! assert!(matches!(phone.try_unlock("111111").unwrap(), UnlockOutcome::Wrong { .. }));
//! assert_eq!(phone.try_unlock("482913").unwrap(), UnlockOutcome::Unlocked);
//! ```

mod attempts;
mod away;
mod error;
mod record;
mod rules;

pub use attempts::{FIRST_WAIT, FREE_TRIES, MAX_WAIT, wait_after};
pub use away::AwayLimit;
pub use error::LockError;
pub use rules::{MIN_PASSPHRASE_CHARS, MIN_PIN_DIGITS};

use crate::crypto::passphrase::{self, KdfParams};
use crate::secrets::SecretSlot;
use crate::session::Session;
use attempts::Attempts;
use record::LockRecord;
use std::time::Duration;

/// What the lock screen says about a forgotten PIN or passphrase.
pub const FORGOTTEN: &str = "Mend can't open without it, and nobody can reset it for you — not \
your partner, not us. To start again, remove Mend's data using the phone itself (uninstall and \
reinstall, or clear its storage). Then your partner's phone can bring back everything you share \
(in their Settings they choose to replace your lost phone and give you a code), and your private \
journal comes back from a sealed backup with its passphrase. Without a backup, the private journal can't come \
back — that is what keeps it private.";

/// A PIN (digits only) or a passphrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LockKind {
    /// At least [`MIN_PIN_DIGITS`] digits.
    Pin,
    /// At least [`MIN_PASSPHRASE_CHARS`] characters, and not easy to guess.
    Passphrase,
}

/// The lock as it is on: what unlocks it and when it locks again by itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AppLock {
    /// PIN or passphrase.
    pub kind: LockKind,
    /// How long the app may be away before it locks.
    pub away: AwayLimit,
}

/// A lock to turn on: the secret typed twice.
#[derive(Debug, Clone, Copy)]
pub struct NewLock<'a> {
    /// PIN or passphrase.
    pub kind: LockKind,
    /// The secret.
    pub secret: &'a str,
    /// The secret again.
    pub confirm: &'a str,
    /// When to lock after the app goes away.
    pub away: AwayLimit,
}

/// What an unlock attempt came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnlockOutcome {
    /// The secret matched.
    Unlocked,
    /// It didn't match; the next try is possible after `wait` (zero while free tries remain).
    Wrong {
        /// How long until the next try.
        wait: Duration,
        /// Tries left before waits begin (zero once they have).
        free_tries_left: u32,
    },
    /// Too soon after wrong tries: nothing was checked.
    Wait {
        /// How long until the next try.
        remaining: Duration,
    },
}

/// The first half of an unlock: checks the wait and counts the attempt as wrong until proven
/// right, so stopping the app mid-check gains no extra tries.
#[derive(Debug)]
pub enum UnlockStart {
    /// Too soon: nothing will be checked.
    Wait(Duration),
    /// Check the secret with [`PendingUnlock::check`] (slow by design; no session needed), then
    /// hand the result to [`Session::finish_unlock`].
    Check(PendingUnlock),
}

/// An attempt counted and waiting for its check.
#[derive(Debug)]
pub struct PendingUnlock {
    hash: String,
}

/// A checked attempt; only [`Session::finish_unlock`] and [`Session::remove_app_lock`] take it.
#[derive(Debug)]
pub struct CheckedUnlock {
    matched: bool,
}

impl PendingUnlock {
    /// Compare `secret` with the stored hash (Argon2id: about half a second on purpose).
    pub fn check(self, secret: &str) -> Result<CheckedUnlock, LockError> {
        Ok(CheckedUnlock { matched: passphrase::verify_secret(&self.hash, secret)? })
    }
}

impl Session {
    /// The app lock, if it is on.
    pub fn app_lock(&self) -> Result<Option<AppLock>, LockError> {
        Ok(self.lock_record()?.map(|r| AppLock { kind: r.kind, away: r.away }))
    }

    /// Turn the lock on. Refused while a lock is on (take it off first, with its secret), so
    /// nobody holding an unlocked phone can replace its owner's secret.
    pub fn set_app_lock(&mut self, new: NewLock<'_>) -> Result<(), LockError> {
        if self.lock_record()?.is_some() {
            return Err(LockError::AlreadyOn);
        }
        let names = self.known_words();
        let words: Vec<&str> = names.iter().map(String::as_str).collect();
        rules::check_new_secret(new.kind, new.secret, new.confirm, &words)?;
        let hash = passphrase::hash_secret(new.secret, &KdfParams::CURRENT)?;
        Attempts::default().save(self)?;
        LockRecord::new(new.kind, hash, new.away).save(self.secrets().as_ref())
    }

    /// Change how long the app may be away before it locks.
    pub fn set_lock_away(&mut self, away: AwayLimit) -> Result<(), LockError> {
        let mut record = self.lock_record()?.ok_or(LockError::NotOn)?;
        record.away = away;
        record.save(self.secrets().as_ref())
    }

    /// How long until the next unlock attempt is allowed (zero if now).
    pub fn unlock_wait(&self) -> Result<Duration, LockError> {
        Ok(Attempts::load(self)?.remaining(self.now()))
    }

    /// Start an unlock attempt (see [`UnlockStart`]).
    pub fn begin_unlock(&mut self) -> Result<UnlockStart, LockError> {
        let record = self.lock_record()?.ok_or(LockError::NotOn)?;
        let now = self.now();
        let attempts = Attempts::load(self)?;
        let remaining = attempts.remaining(now);
        if !remaining.is_zero() {
            return Ok(UnlockStart::Wait(remaining));
        }
        attempts.failed_at(now).save(self)?;
        Ok(UnlockStart::Check(PendingUnlock { hash: record.hash }))
    }

    /// Finish an unlock attempt: a match clears the wrong tries; otherwise the counted failure
    /// stands and the outcome says how long to wait.
    pub fn finish_unlock(&mut self, checked: CheckedUnlock) -> Result<UnlockOutcome, LockError> {
        if checked.matched {
            Attempts::default().save(self)?;
            return Ok(UnlockOutcome::Unlocked);
        }
        let attempts = Attempts::load(self)?;
        Ok(UnlockOutcome::Wrong {
            wait: attempts.remaining(self.now()),
            free_tries_left: FREE_TRIES.saturating_sub(attempts.failures),
        })
    }

    /// Check `secret` at once (begin, check, finish): for tests and callers that may block.
    pub fn try_unlock(&mut self, secret: &str) -> Result<UnlockOutcome, LockError> {
        match self.begin_unlock()? {
            UnlockStart::Wait(remaining) => Ok(UnlockOutcome::Wait { remaining }),
            UnlockStart::Check(pending) => {
                let checked = pending.check(secret)?;
                self.finish_unlock(checked)
            }
        }
    }

    /// Take the lock off, given an attempt checked against the current secret. A wrong secret
    /// counts like a wrong unlock and leaves the lock on.
    pub fn remove_app_lock(&mut self, checked: CheckedUnlock) -> Result<UnlockOutcome, LockError> {
        let outcome = self.finish_unlock(checked)?;
        if outcome == UnlockOutcome::Unlocked {
            self.secrets().forget(SecretSlot::AppLock)?;
        }
        Ok(outcome)
    }

    fn lock_record(&self) -> Result<Option<LockRecord>, LockError> {
        LockRecord::load(self.secrets().as_ref())
    }

    /// Words a secret shouldn't be built from: the partners' names and the app's.
    pub(crate) fn known_words(&self) -> Vec<String> {
        let mut words: Vec<String> = self.shared().partners.iter().map(|p| p.name.clone()).collect();
        words.push("mend".into());
        words
    }
}
