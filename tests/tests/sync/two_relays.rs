//! Two relay processes on one PostgreSQL database, as behind a load balancer: Ana's phone talks to
//! one, Ben's to the other. Pairing, a month apart, live wake-ups, a deletion and a crash all
//! behave as on one relay.

use mend_shared::model::*;
use mend_shared::relay::RelayClient;
use mend_shared::sync::{self, SyncState};
use mend_tests::relay_bin;
use mend_tests::util::*;
use std::sync::Arc;
use std::time::{Duration, Instant};

fn client(relay: &RelayProcess) -> RelayClient {
    RelayClient::new(&relay.url()).unwrap()
}

/// Ana (inviting through `via_a`) and Ben (joining through `via_b`), paired by code.
async fn pair_across(
    via_a: &RelayClient,
    via_b: &RelayClient,
    today: mend_shared::time::Day,
) -> (Phone, Phone) {
    let (ana, ben) = (Phone::new(Some("Ana"), today), Phone::new(Some("Ben"), today));
    let invite = sync::invite(&ana.session, via_a).await.unwrap();
    let code = invite.code();
    let (a, b) = tokio::join!(invite.finish(), sync::join_with_code(&ben.session, via_b, &code));
    assert_eq!(a.unwrap().partner_name.as_deref(), Some("Ben"));
    assert_eq!(b.unwrap().partner_name.as_deref(), Some("Ana"));
    (ana, ben)
}

/// Wait up to `secs` for Ben's phone to hold Ana's check-in of today.
async fn ben_sees_anas_checkin(ana: &Phone, ben: &Phone, secs: u64) -> Duration {
    let ana_id = ana.with(|s| s.my_id().unwrap().clone());
    let started = Instant::now();
    while ben.with(|s| s.shared().checkin(s.today(), &ana_id).is_none()) {
        assert!(started.elapsed() < Duration::from_secs(secs), "Ana's check-in never reached Ben");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    started.elapsed()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn phones_on_two_relays_pair_by_code_and_converge_after_a_month_apart() {
    let (_db, a, b) = two_relays_on_postgres(relay_bin!());
    let (via_a, via_b) = (client(&a), client(&b));
    let (ana, ben) = pair_across(&via_a, &via_b, day(2026, 4, 1)).await;
    promises_for_both(&ana, &ben);
    let (sa, sb) = (syncer(&ana, &via_a), syncer(&ben, &via_b));
    assert_eq!(sa.keys().room, sb.keys().room, "one room, whichever process each phone reached");
    for s in [&sa, &sb, &sa] {
        s.sync_once().await.unwrap();
    }

    let expected = live_apart(&ana, &ben, 30);
    let ra = sa.sync_once().await.unwrap();
    let rb = sb.sync_once().await.unwrap();
    let ra2 = sa.sync_once().await.unwrap();
    assert_eq!((ra.pushed_bundles, rb.pushed_bundles, ra2.pushed_bundles), (1, 1, 0), "one bundle each way");
    assert_eq!((rb.pull.applied, ra2.pull.applied), (1, 1), "each downloads the other's one bundle");
    let (state_a, state_b) = (ana.with(|s| s.shared().clone()), ben.with(|s| s.shared().clone()));
    assert_eq!(state_a, state_b, "both phones hold the same typed state");
    let got = ana.with(|s| record_values(s));
    for (key, value) in &expected {
        assert_eq!(got.get(key), Some(value), "lost or changed: {key}");
    }
    assert_eq!(state_a.checkins.len(), 60, "one check-in per partner per day");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_live_phone_on_one_relay_is_woken_by_a_push_through_the_other() {
    let (_db, a, b) = two_relays_on_postgres(relay_bin!());
    let (via_a, via_b) = (client(&a), client(&b));
    let (ana, ben) = pair_across(&via_a, &via_b, day(2026, 6, 1)).await;
    let (sb, stop, task) = go_live(syncer(&ben, &via_b));
    status_becomes(&sb, 10, "synced", |s| s.state == SyncState::Synced).await;
    // Ben's phone is now in a long-poll of up to 25 s on its relay process.
    tokio::time::sleep(Duration::from_millis(500)).await;
    ana.with(|s| {
        s.save_checkin(CheckInDraft {
            mood: 4,
            trust: 6,
            feel: "from the other side".into(),
            ..Default::default()
        })
        .unwrap()
    });
    syncer(&ana, &via_a).sync_once().await.unwrap();
    let took = ben_sees_anas_checkin(&ana, &ben, 20).await;
    assert!(took < Duration::from_secs(5), "arrived after {took:?}: the long-poll ran out instead of waking");
    let _ = stop.send(());
    task.await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_room_deleted_through_one_relay_is_refused_by_the_other() {
    let (_db, a, b) = two_relays_on_postgres(relay_bin!());
    let (via_a, via_b) = (client(&a), client(&b));
    let (ana, ben) = pair_across(&via_a, &via_b, day(2026, 6, 1)).await;
    syncer(&ben, &via_b).sync_once().await.unwrap();
    let (sb, stop, task) = go_live(syncer(&ben, &via_b));
    status_becomes(&sb, 10, "synced", |s| s.state == SyncState::Synced).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    // Ana unpairs through her relay process: Ben's waiting phone learns at once through his.
    let done = sync::unpair(&ana.session, &via_a, true).await.unwrap();
    assert!(done.relay_copy_deleted);
    let refused = status_becomes(&sb, 10, "refused", |s| s.state == SyncState::Error).await;
    assert!(refused.describe().contains("refused this couple's key"), "{}", refused.describe());
    let _ = stop.send(());
    task.await.unwrap();
    let err = syncer(&ben, &via_b).sync_once().await.unwrap_err();
    assert!(err.user_message().contains("refused this couple's key"), "{}", err.user_message());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_relay_killed_mid_stream_loses_nothing_acknowledged_while_the_other_carries_on() {
    let (_db, mut a, b) = two_relays_on_postgres(relay_bin!());
    let (via_a, via_b) = (client(&a), client(&b));
    let (ana, ben) = pair_across(&via_a, &via_b, day(2026, 6, 1)).await;
    let ana_id = ana.with(|s| s.my_id().unwrap().clone());
    let ana = Arc::new(ana);
    // Ana checks in day after day, syncing through relay A each time; the days whose sync
    // succeeded are acknowledged. Relay A is killed -9 while she keeps going.
    const MOST_DAYS: usize = 5_000;
    let so_far = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let writer = {
        let (ana, via_a, so_far) = (ana.clone(), via_a.clone(), so_far.clone());
        tokio::spawn(async move {
            let sa = syncer(&ana, &via_a);
            let mut acknowledged = Vec::new();
            for _ in 0..MOST_DAYS {
                ana.clock.advance(chrono::Duration::days(1));
                let today = ana.with(|s| {
                    s.save_checkin(CheckInDraft { mood: 3, trust: 5, ..Default::default() }).unwrap();
                    s.today()
                });
                match sa.sync_once().await {
                    Ok(_) => acknowledged.push(today),
                    Err(_) => break,
                }
                so_far.store(acknowledged.len(), std::sync::atomic::Ordering::SeqCst);
            }
            acknowledged
        })
    };
    // Killed once a few days are through, however fast each sync is.
    while so_far.load(std::sync::atomic::Ordering::SeqCst) < 5 {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    a.kill();
    let acknowledged = writer.await.unwrap();
    assert!(acknowledged.len() >= 5, "only {} days were acknowledged before the kill", acknowledged.len());
    assert!(acknowledged.len() < MOST_DAYS, "relay A was never killed mid-stream");

    // Relay B carries on: Ben syncs through it and holds every day Ana's sync acknowledged,
    // before her phone has had any chance to send them again.
    ben.with(|s| s.save_checkin(CheckInDraft { mood: 4, trust: 7, ..Default::default() }).unwrap());
    let sb = syncer(&ben, &via_b);
    sb.sync_once().await.unwrap();
    let missing: Vec<_> = acknowledged
        .iter()
        .filter(|day| ben.with(|s| s.shared().checkin(**day, &ana_id).is_none()))
        .collect();
    assert!(missing.is_empty(), "acknowledged check-ins lost with relay A: {missing:?}");

    // Ana's phone, sent to relay B now (as a load balancer would), catches up; both agree.
    let sa = syncer(&ana, &via_b);
    sa.sync_once().await.unwrap();
    sb.sync_once().await.unwrap();
    sa.sync_once().await.unwrap();
    assert_eq!(ana.with(|s| s.shared().clone()), ben.with(|s| s.shared().clone()));
}
