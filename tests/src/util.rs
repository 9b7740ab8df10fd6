//! The shared harness: start the relay, make phones, pair a couple, break the network on purpose.

mod browser;
mod phone;
mod preview;
mod relay;
mod scenario;
mod tap;

pub use browser::{
    Browser, PHONE, by_id, click, screenshot, screenshot_at, screenshot_dir, set_range, type_into, wait_text,
};
pub use phone::{Phone, day};
pub use preview::{PreviewServer, open_phone};
pub use relay::RelayProcess;
pub use scenario::{live_a_day, make_promises, record_values};
pub use tap::{Tap, TapMode};

use mend_shared::relay::RelayClient;
use mend_shared::sync::{self, Syncer};

/// Pair `a` (inviter) and `b` (joiner) through `relay` by code, as two phones would.
pub async fn pair(a: &Phone, b: &Phone, relay: &RelayClient) {
    let invite = sync::invite(&a.session, relay).await.expect("invite");
    let code = invite.code();
    let (ra, rb) = tokio::join!(invite.finish(), sync::join_with_code(&b.session, relay, &code));
    ra.expect("inviter finishes pairing");
    rb.expect("joiner finishes pairing");
}

/// A syncer for a paired phone.
pub fn syncer(phone: &Phone, relay: &RelayClient) -> Syncer {
    Syncer::for_session(phone.session.clone(), relay.clone())
        .expect("key file readable")
        .expect("phone is paired")
}
