//! Wiring a phone to the real services: pairing and live sync through its relay, backups, and
//! daily reminders.

use crate::Phone;
use crate::platform::{Notices, phone_services, reminders_for};
use crate::services::{RelayPairing, RelaySync, SessionBackups};
use std::sync::Arc;

/// `phone` with pairing, live sync, backups and reminders switched on; reminders show as a
/// banner inside the app (the preview, and tests). The services live as long as the returned
/// phone (and its clones).
pub fn connect(phone: Phone) -> Phone {
    wire(phone, Notices::InApp)
}

/// [`connect`] for the app on a device: on Android and iOS the phone's own reminders, app
/// switcher cover and file sheets; on desktop a system notification with each reminder too.
pub fn connect_device(phone: Phone) -> Phone {
    phone_services(wire(phone, Notices::System))
}

fn wire(phone: Phone, notices: Notices) -> Phone {
    let sync = RelaySync::start(phone.clone());
    let reminders = reminders_for(&phone, notices);
    phone
        .with_pairing(Arc::new(RelayPairing(sync)))
        .with_backups(Arc::new(SessionBackups))
        .with_reminders(reminders)
}
