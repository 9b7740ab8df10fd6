//! Seams to work that lives outside the views: pairing through the relay, and backups.
//!
//! A launcher wires real implementations into the [`crate::Phone`]; without one the screens say
//! calmly that the feature isn't available on this phone yet and everything else keeps working.

mod backup;
mod pairing;
mod relay_sync;
mod session_backups;

pub use backup::{Backups, ExportedBackup};
pub use pairing::{Invitation, KeepData, Pairing, PairingFuture};
pub use relay_sync::{DEFAULT_RELAY, RelayPairing, RelaySync};
pub use session_backups::SessionBackups;

use std::fmt;

/// Why a service call didn't work, in words a partner can act on (shown as it is).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceError {
    /// The message for the screen.
    pub message: String,
}

impl ServiceError {
    /// An error with this message.
    pub fn new(message: impl Into<String>) -> Self {
        ServiceError { message: message.into() }
    }
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ServiceError {}
