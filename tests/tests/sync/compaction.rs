//! The room compacts itself: past the snapshot threshold a caught-up phone uploads a snapshot,
//! the relay drops the bundles it covers, and a new phone restores from snapshot + tail. Pulls
//! read as many pages as the relay needs to send.

use mend_shared::model::*;
use mend_shared::relay::{RelayClient, RelayError};
use mend_tests::relay_bin;
use mend_tests::util::*;
use std::time::Duration;

fn write(phone: &Phone, body: String) {
    phone.with(|s| {
        s.add_journal_entry(Visibility::Shared, JournalDraft { body, ..Default::default() }).unwrap()
    });
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn crossing_the_snapshot_threshold_compacts_the_room_and_a_new_phone_restores_from_it() {
    const THRESHOLD: u64 = 6;
    let Couple { relay, client, ana, ben } = Couple::paired(relay_bin!(), day(2026, 6, 1)).await;
    let sa = syncer(&ana, &client).with_snapshot_after(THRESHOLD);
    let sb = syncer(&ben, &client).with_snapshot_after(THRESHOLD);
    let room = sa.keys().room;
    let mut snapshot_at = None;
    for i in 0..10 {
        for (phone, s, who) in [(&ana, &sa, "a"), (&ben, &sb, "b")] {
            write(phone, format!("{who}{i}"));
            let report = s.sync_once().await.unwrap();
            if report.snapshot_uploaded {
                snapshot_at = Some(report.pull.cursor);
                break;
            }
            let seen = report.pull.cursor;
            assert!(seen < THRESHOLD, "no snapshot although this phone saw {seen} bundles on the relay");
        }
        if snapshot_at.is_some() {
            break;
        }
    }
    let covered = snapshot_at.expect("a snapshot was uploaded once the room passed the threshold");
    assert!(covered >= THRESHOLD, "snapshot at {covered}, before the threshold");

    // The relay dropped every bundle the snapshot covers: from its file and from its answers.
    let left = relay.stored_bundle_seqs(&room);
    assert!(left.iter().all(|&seq| seq > covered), "bundles at or before {covered} remain: {left:?}");
    let err = client.list_bundles(sa.keys(), 0, 100, Duration::ZERO).await.unwrap_err();
    assert_eq!(err, RelayError::SnapshotRequired);

    // A tail after the snapshot, from both.
    ben.with(|s| {
        s.save_checkin(CheckInDraft { mood: 4, trust: 6, feel: "after".into(), ..Default::default() })
            .unwrap()
    });
    sb.sync_once().await.unwrap();
    write(&ana, "after the snapshot".into());
    sa.sync_once().await.unwrap();
    assert!(relay.stored_bundle_seqs(&room).len() >= 2, "the tail is on the relay as bundles");

    // Ben's phone is replaced: the new one restores from snapshot + tail.
    let ben_id = ben.with(|s| s.my_id().unwrap().clone());
    drop(sb);
    drop(ben);
    let new_ben = Phone::new(None, ana.with(|s| s.today()));
    pair(&ana, &new_ben, &client).await;
    let sn = syncer(&new_ben, &client);
    sn.sync_once().await.unwrap();
    sa.sync_once().await.unwrap();
    assert_eq!(new_ben.with(|s| s.my_id().cloned()), Some(ben_id));
    assert_eq!(new_ben.with(|s| s.shared().clone()), ana.with(|s| s.shared().clone()));
    assert!(new_ben.with(|s| s.shared().journal.iter().any(|e| e.body == "after the snapshot")));
    assert!(new_ben.with(|s| s.shared().journal.iter().any(|e| e.body == "a0")), "from the snapshot");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pull_reads_every_page_when_the_relay_sends_one_bundle_at_a_time() {
    // The real relay, told to cap each page at one byte: every page holds a single bundle.
    let relay = RelayProcess::start_with(relay_bin!(), &["--max-page-bytes", "1"]);
    let tap = Tap::start(relay.addr()).await;
    let client = RelayClient::new(&relay.url()).unwrap();
    let ben_link = RelayClient::new(&tap.url()).unwrap();
    let today = day(2026, 6, 1);
    let (ana, ben) = (Phone::new(Some("Ana"), today), Phone::new(Some("Ben"), today));
    pair(&ana, &ben, &client).await;
    let (sa, sb) = (syncer(&ana, &client), syncer(&ben, &ben_link));
    sb.sync_once().await.unwrap();
    for i in 0..12 {
        write(&ana, format!("entry {i}"));
        assert_eq!(sa.sync_once().await.unwrap().pushed_bundles, 1);
    }
    tap.reset_counters();
    let report = sb.sync_once().await.unwrap();
    assert_eq!(report.pull.applied, 12, "{report:?}");
    assert_eq!(report.pull.pages, 12, "one page per bundle: {report:?}");
    assert_eq!(tap.requests(), 12, "one list request per page and nothing else");
    assert_eq!(ben.with(|s| s.shared().journal.len()), 12);
    sa.sync_once().await.unwrap();
    assert_eq!(ana.with(|s| s.shared().clone()), ben.with(|s| s.shared().clone()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pull_reads_every_page_of_a_small_page_limit() {
    let Couple { relay: _relay, client, ana, ben } = Couple::paired(relay_bin!(), day(2026, 6, 1)).await;
    let sa = syncer(&ana, &client);
    let sb = syncer(&ben, &client).with_page_limit(5);
    sb.sync_once().await.unwrap();
    for i in 0..12 {
        write(&ana, format!("entry {i}"));
        sa.sync_once().await.unwrap();
    }
    let report = sb.sync_once().await.unwrap();
    assert_eq!(report.pull.applied, 12);
    assert_eq!(report.pull.pages, 3, "12 bundles in pages of 5: {report:?}");
    assert_eq!(ben.with(|s| s.shared().journal.len()), 12);
}
