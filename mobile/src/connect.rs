//! Wiring a phone to the real services: pairing and live sync through its relay, and backups.

use crate::Phone;
use crate::services::{RelayPairing, RelaySync, SessionBackups};
use std::sync::Arc;

/// `phone` with pairing, live sync and backups switched on. The sync service lives as long as
/// the returned phone (and its clones).
pub fn connect(phone: Phone) -> Phone {
    let sync = RelaySync::start(phone.clone());
    phone.with_pairing(Arc::new(RelayPairing(sync))).with_backups(Arc::new(SessionBackups))
}
