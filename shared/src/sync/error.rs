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
    /// Replacing the partner's phone, but no partner is known on this phone.
    #[error("there is no partner on this phone whose phone could be replaced")]
    NoPartnerToReplace,
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
    /// Data from the relay failed to open or check; it was ignored.
    #[error("{count} item(s) from the relay were ignored: {first}")]
    Rejected {
        /// How many bundles were rejected in this round.
        count: usize,
        /// The first reason.
        first: CryptoError,
    },
    /// The partner's phone sealed data in a newer envelope than this version of Mend reads. Sync
    /// stops there, without skipping it, until Mend is updated.
    #[error("the partner's phone uses a newer version of Mend (envelope version {version})")]
    NeedsUpdate {
        /// The envelope version found.
        version: u8,
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

impl From<crate::secrets::SecretError> for SyncError {
    fn from(e: crate::secrets::SecretError) -> Self {
        SyncError::Keys { action: e.action, reason: e.reason }
    }
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
            SyncError::Relay(RelayError::Full) => {
                "The relay is full, so your newest changes can't be sent yet. \
                 They are safe on this phone, and your partner's changes still arrive."
                    .into()
            }
            SyncError::NeedsUpdate { .. } | SyncError::Crypto(CryptoError::UnknownVersion(_)) => {
                "Your partner's phone uses a newer version of Mend. Update Mend on this phone to keep \
                 syncing; everything stays safe here meanwhile."
                    .into()
            }
            SyncError::Rejected { first, .. } | SyncError::Crypto(first) => {
                format!("{} Your data on this phone is untouched.", rejection_reason(first))
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

    /// How long the relay asked us to wait before trying again, if it said.
    pub fn retry_after(&self) -> Option<std::time::Duration> {
        match self {
            SyncError::Relay(e) => e.retry_after(),
            _ => None,
        }
    }

    /// Whether this means "offline" rather than "something is wrong".
    pub fn is_offline(&self) -> bool {
        matches!(self, SyncError::Relay(e) if e.is_transient())
    }
}

/// Why data from the relay was ignored, in one sentence.
fn rejection_reason(e: &CryptoError) -> String {
    match e {
        CryptoError::Tampered => {
            "Data from the relay failed to decrypt and was ignored: it was altered, or sealed with another \
             couple's key."
                .into()
        }
        CryptoError::NotAnEnvelope => "The relay sent data that isn't from Mend; it was ignored.".into(),
        CryptoError::IdMismatch => "Data from the relay didn't match its label and was ignored.".into(),
        CryptoError::WrongKind { expected, found } => {
            format!("The relay sent a {found} where a {expected} belongs; it was ignored.")
        }
        CryptoError::UnknownVersion(_) => "Data from the relay needs a newer version of Mend.".into(),
        CryptoError::Compression | CryptoError::TooLarge(_) | CryptoError::Unreadable { .. } => {
            "Data from the relay opened but was damaged or unreadable, and was ignored.".into()
        }
        // Passphrase work never happens on relay data; worded in case it ever surfaces here.
        CryptoError::KdfParams(_) | CryptoError::BadHash => {
            "A key on this phone could not be derived, so the data was left alone.".into()
        }
    }
}
