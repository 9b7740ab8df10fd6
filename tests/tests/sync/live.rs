//! Live sync with the relay as a real process: offline and back, a relay that refuses pushes,
//! and a relay that refuses the couple's key.

use mend_shared::model::*;
use mend_shared::relay::RelayClient;
use mend_shared::sync::{self, SyncState};
use mend_tests::relay_bin;
use mend_tests::util::*;
use std::time::{Duration, Instant};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn live_sync_shows_offline_while_the_relay_is_down_and_synced_once_it_is_back() {
    let Couple { mut relay, client, ana, ben } = Couple::paired(relay_bin!(), day(2026, 6, 1)).await;
    syncer(&ana, &client).sync_once().await.unwrap();
    let (sb, stop, task) = go_live(syncer(&ben, &client));
    let first =
        status_becomes(&sb, 10, "synced", |s| s.state == SyncState::Synced && s.last_synced.is_some()).await;

    relay.kill();
    let offline = status_becomes(&sb, 15, "offline", |s| s.state == SyncState::Offline).await;
    assert!(offline.describe().contains("safe here"), "{}", offline.describe());
    assert_eq!(offline.last_synced, first.last_synced, "the last good sync is still shown");

    ben.clock.advance(chrono::Duration::minutes(5));
    relay.restart();
    let back = status_becomes(&sb, 30, "synced again", |s| s.state == SyncState::Synced).await;
    assert!(back.last_synced > first.last_synced, "{:?} then {:?}", first.last_synced, back.last_synced);
    assert_eq!(back.last_error, None);

    // And it is really live again: Ana's next change arrives without Ben doing anything.
    ana.with(|s| {
        s.save_checkin(CheckInDraft { mood: 4, trust: 6, feel: "here".into(), ..Default::default() }).unwrap()
    });
    syncer(&ana, &client).sync_once().await.unwrap();
    let ana_id = ana.with(|s| s.my_id().unwrap().clone());
    let deadline = Instant::now() + Duration::from_secs(30);
    while ben.with(|s| s.shared().checkin(s.today(), &ana_id).is_none()) {
        assert!(Instant::now() < deadline, "Ana's check-in never reached Ben's live phone");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let _ = stop.send(());
    task.await.unwrap();
}

/// Text that zstd can't shrink much: a relay quota fills up with it.
fn noise(seed: u64, len: usize) -> String {
    let mut x = seed | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            char::from(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 "[(x % 63) as usize])
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_relay_is_named_as_such_and_never_stops_the_partners_changes_arriving() {
    let relay = RelayProcess::start_with(relay_bin!(), &["--room-quota-bytes", "40000"]);
    let client = RelayClient::new(&relay.url()).unwrap();
    let today = day(2026, 6, 1);
    let (ana, ben) = (Phone::new(Some("Ana"), today), Phone::new(Some("Ben"), today));
    pair(&ana, &ben, &client).await;
    let (sa, sb) = (syncer(&ana, &client), syncer(&ben, &client));
    for s in [&sa, &sb, &sa] {
        s.sync_once().await.unwrap();
    }
    // Ana writes more than the couple's space on the relay holds.
    ana.with(|s| {
        for i in 0..4 {
            let draft = JournalDraft { body: noise(i + 1, 19_000), ..Default::default() };
            s.add_journal_entry(Visibility::Shared, draft).unwrap();
        }
    });
    let err = sa.sync_once().await.unwrap_err();
    assert!(!err.is_offline(), "a full relay is not 'offline': {err:?}");
    assert!(err.user_message().contains("The relay is full"), "{}", err.user_message());

    let (sa, stop, task) = go_live(sa);
    let full = status_becomes(&sa, 10, "an error", |s| s.state == SyncState::Error).await;
    assert!(full.describe().starts_with("The relay is full"), "{}", full.describe());
    assert!(full.pending_changes >= 4);

    // Ben's small change still fits; Ana's live phone receives it although its own pushes fail.
    ben.with(|s| {
        s.save_checkin(CheckInDraft { mood: 5, trust: 7, feel: "still here".into(), ..Default::default() })
            .unwrap()
    });
    sb.sync_once().await.unwrap();
    let ben_id = ben.with(|s| s.my_id().unwrap().clone());
    let deadline = Instant::now() + Duration::from_secs(30);
    while ana.with(|s| s.shared().checkin(s.today(), &ben_id).is_none()) {
        assert!(Instant::now() < deadline, "Ben's check-in never reached Ana while her pushes failed");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let still = sa.status();
    assert_eq!(still.state, SyncState::Error, "the push problem stays visible: {still:?}");
    assert!(still.describe().starts_with("The relay is full"), "{}", still.describe());
    let _ = stop.send(());
    task.await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_key_is_not_retried_over_and_over() {
    let Couple { relay, client, ana, ben } = Couple::paired(relay_bin!(), day(2026, 6, 1)).await;
    let tap = Tap::start(relay.addr()).await;
    let ben_link = RelayClient::new(&tap.url()).unwrap();
    let (sb, stop, task) = go_live(syncer(&ben, &ben_link));
    status_becomes(&sb, 10, "synced", |s| s.state == SyncState::Synced).await;
    // Ana unpairs: the room and its token are gone.
    sync::unpair(&ana.session, &client, true).await.unwrap();
    ben.with(|s| s.save_checkin(CheckInDraft { mood: 3, trust: 3, ..Default::default() }).unwrap());
    sb.local_change();
    let refused = status_becomes(&sb, 10, "an error", |s| s.state == SyncState::Error).await;
    assert!(refused.describe().contains("refused this couple's key"), "{}", refused.describe());
    tap.reset_counters();
    tokio::time::sleep(Duration::from_secs(4)).await;
    // More local changes don't make it hammer either.
    for _ in 0..3 {
        sb.local_change();
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(tap.requests(), 0, "no request while the relay refuses the key");
    let _ = stop.send(());
    task.await.unwrap();
}
