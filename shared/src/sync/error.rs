//! Errors from syncing, pairing and unpairing, and how each reads in the app.

use crate::crypto::CryptoError;
use crate::pairing::PairingError;
use crate::relay::RelayError;
use crate::session::SessionError;

/// Why a sync step did not complete. Local data is never harmed by any of these.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// This phone has no partner yet.
    #[error("this phone isn't paired yet")]
    NotPaired,
    /// This phone is paired already; unpair first.
    #[error("this phone is already paired — unpair first to pair again")]
    AlreadyPaired,
    /// Sync needs a data file on disk (in-memory sessions can't hold keys apart from data).
    #[error("sync needs a data file on disk")]
    NoDataFile,
    /// The key file could not be read or written.
    #[error("the key file could not be {action}: {reason}")]
    Keys {
        /// "read" or "written".
        action: &'static str,
        /// Why.
        reason: String,
    },
    /// The relay could not be reached or refused.
    #[error(transparent)]
    Relay(#[from] RelayError),
    /// Data from the relay failed to open; it was ignored.
    #[error("{count} item(s) from the relay failed to decrypt and were ignored: {first}")]
    Rejected {
        /// How many bundles were rejected in this round.
        count: usize,
        /// The first reason.
        first: CryptoError,
    },
    /// A snapshot or message failed to open.
    #[error(transparent)]
    Crypto(#[from] CryptoError),
    /// Pairing failed.
    #[error(transparent)]
    Pairing(#[from] PairingError),
    /// The local data file refused the change.
    #[error(transparent)]
    Session(#[from] SessionError),
}

impl SyncError {
    /// The last-error sentence the app shows, in words a partner can act on.
    pub fn user_message(&self) -> String {
        match self {
            SyncError::Relay(RelayError::Unreachable(_)) => {
                "The relay can't be reached right now. Your changes are safe here and will sync later.".into()
            }
            SyncError::Relay(RelayError::Unauthorized) => {
                "The relay refused this couple's key. If either of you unpaired, pair again.".into()
            }
            SyncError::Rejected { .. } | SyncError::Crypto(_) => {
                "Data from the relay failed to decrypt and was ignored. Your data on this phone is untouched."
                    .into()
            }
            other => {
                let text = other.to_string();
                let mut chars = text.chars();
                match chars.next() {
                    Some(first) => first.to_uppercase().chain(chars).collect::<String>() + ".",
                    None => text,
                }
            }
        }
    }

    /// Whether this means "offline" rather than "something is wrong".
    pub fn is_offline(&self) -> bool {
        matches!(self, SyncError::Relay(e) if e.is_transient())
    }
}
