//! Why the app lock could not be set, changed or checked.

use crate::crypto::CryptoError;
use crate::secrets::SecretError;
use crate::store::StoreError;

/// A lock operation did not happen; the lock is as it was.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// A PIN with something other than digits.
    #[error("a PIN is digits only")]
    PinNotDigits,
    /// A PIN that is too short.
    #[error("a PIN needs at least {min} digits")]
    PinTooShort {
        /// The fewest digits allowed.
        min: usize,
    },
    /// A PIN anyone would try first (all one digit, or a run like 123456).
    #[error("that PIN is one of the first anyone would try; choose digits that don't follow a pattern")]
    PinTooEasy,
    /// A passphrase that is too short.
    #[error("a passphrase needs at least {min} characters")]
    PassphraseTooShort {
        /// The fewest characters allowed.
        min: usize,
    },
    /// A passphrase that is easy to guess.
    #[error("that passphrase is easy to guess{}", advice.as_ref().map(|a| format!(" ({a})")).unwrap_or_default())]
    PassphraseTooEasy {
        /// zxcvbn's advice, when it has some.
        advice: Option<String>,
    },
    /// Too long to be a PIN or passphrase anyone types.
    #[error("that is longer than {max} characters")]
    TooLong {
        /// The most characters allowed.
        max: usize,
    },
    /// The two entries differ.
    #[error("the two entries don't match")]
    Mismatch,
    /// Setting a lock while one is on.
    #[error("the app lock is already on; turn it off with your current PIN or passphrase first")]
    AlreadyOn,
    /// Changing a lock that is off.
    #[error("the app lock is off")]
    NotOn,
    /// The stored lock could not be read.
    #[error("the app lock's record is damaged: {0}")]
    Damaged(String),
    /// Hashing or checking failed.
    #[error(transparent)]
    Crypto(#[from] CryptoError),
    /// The phone's secret store failed.
    #[error(transparent)]
    Secret(#[from] SecretError),
    /// The data file failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}
