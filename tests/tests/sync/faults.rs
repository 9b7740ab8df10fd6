//! The relay dying mid-push or mid-pull, and a phone dying between applying and saving its cursor:
//! the next sync completes with nothing lost or duplicated.

use mend_shared::model::*;
use mend_shared::relay::RelayClient;
use mend_shared::sync::SyncError;
use mend_tests::relay_bin;
use mend_tests::util::*;
use std::time::Duration;

struct Rig {
    relay: RelayProcess,
    tap: Tap,
    client: RelayClient,
    ana: Phone,
    ben: Phone,
}

async fn rig() -> Rig {
    let relay = RelayProcess::start(relay_bin!());
    let tap = Tap::start(relay.addr()).await;
    let client = RelayClient::new(&tap.url()).unwrap();
    let today = day(2026, 6, 1);
    let (ana, ben) = (Phone::new(Some("Ana"), today), Phone::new(Some("Ben"), today));
    pair(&ana, &ben, &client).await;
    syncer(&ana, &client).sync_once().await.unwrap();
    syncer(&ben, &client).sync_once().await.unwrap();
    Rig { relay, tap, client, ana, ben }
}

fn write_some(phone: &Phone, n: usize) {
    phone.with(|s| {
        for i in 0..n {
            let draft = JournalDraft { body: format!("entry {i} of {n}"), ..Default::default() };
            s.add_journal_entry(Visibility::Shared, draft).unwrap();
        }
    });
}

/// How many bundles the relay holds for the couple.
async fn bundles_on_relay(r: &Rig) -> usize {
    let keys = syncer(&r.ana, &r.client).keys().clone();
    r.client.list_bundles(&keys, 0, 1000, Duration::ZERO).await.unwrap().bundles.len()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_relay_killed_after_storing_a_push_but_before_answering_loses_and_duplicates_nothing() {
    let mut r = rig().await;
    write_some(&r.ana, 20);
    let before = bundles_on_relay(&r).await;
    let sa = syncer(&r.ana, &r.client);
    // The relay commits the bundle; the answer never reaches the phone; the relay dies.
    r.tap.set(TapMode::CutNextResponse { after_bytes: 0 });
    let err = sa.push().await.unwrap_err();
    assert!(err.is_offline(), "{err:?}");
    sa.local_change();
    assert_eq!(sa.status().pending_changes, 20, "unacknowledged changes stay pending");
    r.relay.kill();
    r.relay.restart();
    assert_eq!(bundles_on_relay(&r).await, before + 1, "the bundle was committed before the relay died");

    // The retry sends the same bundle (same id): the relay stores it once.
    let report = sa.sync_once().await.unwrap();
    assert_eq!(report.pushed_changes, 20);
    assert_eq!(bundles_on_relay(&r).await, before + 1, "nothing duplicated");
    syncer(&r.ben, &r.client).sync_once().await.unwrap();
    assert_eq!(r.ben.with(|s| s.shared().journal.len()), 20);
    assert_eq!(r.ana.with(|s| s.shared().clone()), r.ben.with(|s| s.shared().clone()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_relay_killed_in_the_middle_of_sending_a_pull_loses_nothing() {
    let mut r = rig().await;
    write_some(&r.ana, 40);
    syncer(&r.ana, &r.client).sync_once().await.unwrap();
    let sb = syncer(&r.ben, &r.client);
    // A one-off sync pulls first: cut Ben's pull mid-body, then kill the relay.
    r.tap.set(TapMode::CutNextResponse { after_bytes: 300 });
    let err = sb.sync_once().await.unwrap_err();
    assert!(matches!(err, SyncError::Relay(_)), "{err:?}");
    assert_eq!(r.ben.with(|s| s.shared().journal.len()), 0, "a half-received page applies nothing");
    r.relay.kill();
    assert!(sb.sync_once().await.unwrap_err().is_offline(), "while the relay is down, sync reports offline");
    assert_eq!(sb.status().state, mend_shared::sync::SyncState::Offline);
    r.relay.restart();
    sb.sync_once().await.unwrap();
    assert_eq!(r.ben.with(|s| s.shared().journal.len()), 40);
    assert_eq!(r.ana.with(|s| s.shared().clone()), r.ben.with(|s| s.shared().clone()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_phone_that_dies_between_applying_and_saving_its_cursor_syncs_correctly_after() {
    let r = rig().await;
    write_some(&r.ana, 15);
    r.ana.with(|s| s.save_checkin(CheckInDraft { mood: 4, trust: 7, ..Default::default() }).unwrap());
    syncer(&r.ana, &r.client).sync_once().await.unwrap();
    // Make the cursor write fail after the document is persisted, as a crash at that moment would.
    r.ben.with(|s| {
        s.store()
            .connection()
            .execute_batch(
                "CREATE TRIGGER crash_before_cursor BEFORE INSERT ON kv WHEN NEW.key = 'sync/cursor'
                 BEGIN SELECT RAISE(ABORT, 'simulated crash'); END;",
            )
            .unwrap()
    });
    let err = syncer(&r.ben, &r.client).sync_once().await.unwrap_err();
    assert!(err.to_string().contains("simulated crash"), "{err}");
    assert_eq!(r.ben.with(|s| s.shared().journal.len()), 15, "the document was saved before the cursor");
    r.ben.with(|s| s.store().connection().execute_batch("DROP TRIGGER crash_before_cursor;").unwrap());
    // The phone restarts from disk and syncs again: the same bundles apply again, harmlessly.
    r.ben.restart();
    let report = syncer(&r.ben, &r.client).sync_once().await.unwrap();
    assert!(report.pull.applied >= 1);
    let (a, b) = (r.ana.with(|s| s.shared().clone()), r.ben.with(|s| s.shared().clone()));
    assert_eq!(a, b);
    assert_eq!(b.journal.len(), 15);
    assert_eq!(b.checkins.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn live_sync_delivers_a_change_to_the_partner_within_one_long_poll() {
    let r = rig().await;
    let sb = std::sync::Arc::new(syncer(&r.ben, &r.client));
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let live = {
        let sb = sb.clone();
        tokio::spawn(async move {
            sb.run_live(async {
                let _ = stop_rx.await;
            })
            .await
        })
    };
    tokio::time::sleep(Duration::from_millis(300)).await;
    let sa = syncer(&r.ana, &r.client);
    r.ana.with(|s| {
        s.save_checkin(CheckInDraft { mood: 5, trust: 9, feel: "hopeful".into(), ..Default::default() })
            .unwrap()
    });
    sa.local_change();
    sa.sync_once().await.unwrap();
    let ana_id = r.ana.with(|s| s.my_id().unwrap().clone());
    let today = r.ben.with(|s| s.today());
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while r.ben.with(|s| s.shared().checkin(today, &ana_id).is_none()) {
        assert!(std::time::Instant::now() < deadline, "Ben's long-poll did not deliver Ana's check-in");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let _ = stop_tx.send(());
    live.await.unwrap();
}
