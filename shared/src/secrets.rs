//! Secrets this phone keeps apart from its data file: the couple's pair secret and the app lock.
//!
//! A copy of the data file (or a backup) never holds them. [`SecretStore`] is the seam a phone's
//! own keystore (Android Keystore, iOS Keychain) plugs into; [`FileSecrets`] is the desktop and
//! preview implementation — small files beside the data file, readable only by their owner — and
//! [`MemorySecrets`] serves in-memory sessions.

mod file;
mod memory;

pub use file::FileSecrets;
pub use memory::MemorySecrets;

use std::fmt;
use zeroize::Zeroizing;

/// What a secret is for; each has its own place in a [`SecretStore`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SecretSlot {
    /// The couple's 256-bit pair secret (present only while paired).
    PairSecret,
    /// The app lock's Argon2id hash and settings (present only while the lock is on).
    AppLock,
}

impl SecretSlot {
    /// A short stable name (key-store entry names, file suffixes).
    pub fn name(self) -> &'static str {
        match self {
            SecretSlot::PairSecret => "pair-secret",
            SecretSlot::AppLock => "app-lock",
        }
    }
}

/// A secret could not be read or written. Nothing else on the phone changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the {slot} could not be {action}: {reason}")]
pub struct SecretError {
    /// "read", "written" or "removed".
    pub action: &'static str,
    /// Which secret, in words.
    pub slot: &'static str,
    /// What the platform said.
    pub reason: String,
}

impl SecretError {
    /// An error for `slot`.
    pub fn new(action: &'static str, slot: SecretSlot, reason: impl Into<String>) -> Self {
        let slot = match slot {
            SecretSlot::PairSecret => "key file",
            SecretSlot::AppLock => "app lock",
        };
        SecretError { action, slot, reason: reason.into() }
    }
}

/// Where this phone keeps its secrets. Saving replaces atomically; forgetting a missing secret is
/// not an error.
pub trait SecretStore: Send + Sync + fmt::Debug {
    /// The secret in `slot`, if one is stored.
    fn load(&self, slot: SecretSlot) -> Result<Option<Zeroizing<Vec<u8>>>, SecretError>;
    /// Store `bytes` in `slot`, replacing what was there.
    fn save(&self, slot: SecretSlot, bytes: &[u8]) -> Result<(), SecretError>;
    /// Remove the secret in `slot`.
    fn forget(&self, slot: SecretSlot) -> Result<(), SecretError>;
}
