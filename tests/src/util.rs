//! The shared harness: start the relay, make phones, pair a couple, break the network on purpose.

mod axe;
mod browser;
mod live;
mod phone;
mod preview;
mod relay;
mod scenario;
mod tap;

pub use axe::{assert_accessible, serious_violations};
pub use browser::{
    Browser, PHONE, by_id, click, present, screenshot, screenshot_at, screenshot_dir, set_range, set_value,
    start_alone, type_into, wait_text,
};
pub use live::{go_live, status_becomes};
pub use phone::{Phone, day};
pub use preview::{PreviewServer, open_phone, open_phone_with_clock};
pub use relay::RelayProcess;
pub use scenario::{live_a_day, live_apart, make_promises, promises_for_both, record_values};
pub use tap::{Tap, TapMode};

use mend_shared::relay::RelayClient;
use mend_shared::sync::{self, Syncer};

/// A relay process, a client for it, and Ana's and Ben's phones paired through it.
#[derive(Debug)]
pub struct Couple {
    /// The relay process.
    pub relay: RelayProcess,
    /// A client for the relay.
    pub client: RelayClient,
    /// Ana's phone (she invited).
    pub ana: Phone,
    /// Ben's phone (he joined).
    pub ben: Phone,
}

impl Couple {
    /// Start the relay binary `relay_bin`, make both phones with their clocks at noon on `today`,
    /// and pair them by code.
    pub async fn paired(relay_bin: &std::path::Path, today: mend_shared::time::Day) -> Couple {
        let relay = RelayProcess::start(relay_bin);
        let client = RelayClient::new(&relay.url()).expect("relay url");
        let (ana, ben) = (Phone::new(Some("Ana"), today), Phone::new(Some("Ben"), today));
        pair(&ana, &ben, &client).await;
        Couple { relay, client, ana, ben }
    }

    /// Ana's and Ben's phones holding three years of their history (`SampleSpec::three_years`:
    /// ≈13,400 changes), paired through `relay` by code and synced, so both are at the same
    /// heads and the relay holds it all; the clocks at noon on `today`.
    pub async fn three_years(relay: RelayProcess, today: mend_shared::time::Day) -> Couple {
        Couple::with_history(relay, today, mend_shared::session::SampleSpec::three_years()).await
    }

    /// Like [`Couple::three_years`], with the history `spec` describes.
    pub async fn with_history(
        relay: RelayProcess,
        today: mend_shared::time::Day,
        spec: mend_shared::session::SampleSpec,
    ) -> Couple {
        let client = RelayClient::new(&relay.url()).expect("relay url");
        let ana = Phone::new(Some("Ana"), today);
        let ben_id = ana.with(|s| s.generate_sample("Ben", spec)).expect("a generated history");
        // Ben's phone starts from a copy of the couple's document and is Ben in it.
        let ben = Phone::new(None, today);
        let history = ana.with(|s| s.shared_doc().expect("loaded").save());
        ben.with(|s| {
            s.apply_shared_changes(&history).expect("history");
            s.adopt_profile(&ben_id).expect("Ben")
        });
        pair(&ana, &ben, &client).await;
        for phone in [&ana, &ben, &ana] {
            syncer(phone, &client).sync_once().await.expect("first sync");
        }
        Couple { relay, client, ana, ben }
    }
}

/// Two relay processes on one fresh PostgreSQL database (in this test binary's throwaway cluster),
/// as a load balancer would spread phones over them. The database lives as long as the cluster.
pub fn two_relays_on_postgres(
    relay_bin: &std::path::Path,
) -> (mend_test_postgres::Database, RelayProcess, RelayProcess) {
    let db = mend_test_postgres::Cluster::shared().create_database().expect("a test database");
    let a = RelayProcess::start_on_postgres(relay_bin, &db.url(), &[]);
    let b = RelayProcess::start_on_postgres(relay_bin, &db.url(), &[]);
    (db, a, b)
}

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
