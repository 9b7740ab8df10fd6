//! A reinstalled phone rejoins its couple and restores everything from snapshot + tail.

use mend_shared::model::*;
use mend_shared::relay::RelayError;
use mend_tests::relay_bin;
use mend_tests::util::*;
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reinstalled_phone_restores_the_couples_document_from_snapshot_and_tail() {
    let Couple { relay: _relay, client, ana, ben } = Couple::paired(relay_bin!(), day(2026, 6, 1)).await;
    let (sa, sb) = (syncer(&ana, &client), syncer(&ben, &client));
    for i in 0..5 {
        ana.with(|s| {
            s.add_journal_entry(
                Visibility::Shared,
                JournalDraft { body: format!("a{i}"), ..Default::default() },
            )
            .unwrap()
        });
        sa.sync_once().await.unwrap();
        ben.with(|s| {
            s.add_journal_entry(
                Visibility::Shared,
                JournalDraft { body: format!("b{i}"), ..Default::default() },
            )
            .unwrap()
        });
        sb.sync_once().await.unwrap();
    }
    let cursor = sa.sync_once().await.unwrap().pull.cursor;
    assert!(sa.upload_snapshot(cursor).await.unwrap());
    // The tail: changes after the snapshot.
    ben.with(|s| {
        s.save_checkin(CheckInDraft {
            mood: 4,
            trust: 6,
            feel: "after the snapshot".into(),
            ..Default::default()
        })
        .unwrap()
    });
    sb.sync_once().await.unwrap();
    sa.sync_once().await.unwrap();
    let err = client.list_bundles(sa.keys(), 0, 10, Duration::ZERO).await.unwrap_err();
    assert_eq!(err, RelayError::SnapshotRequired, "the bundles before the snapshot are gone from the relay");

    // Ben's phone is wiped; the new install has no profile yet. Ana invites it into the couple.
    let ben_id = ben.with(|s| s.my_id().unwrap().clone());
    drop(sb);
    drop(ben);
    let new_ben = Phone::new(None, ana.with(|s| s.today()));
    pair(&ana, &new_ben, &client).await;
    assert_eq!(new_ben.with(|s| s.my_id().cloned()), Some(ben_id), "the new install is Ben again");
    assert_eq!(new_ben.with(|s| s.shared().clone()), ana.with(|s| s.shared().clone()));
    assert_eq!(new_ben.with(|s| s.shared().journal.len()), 10);
    // And it keeps syncing as Ben.
    new_ben.with(|s| s.save_checkin(CheckInDraft { mood: 5, trust: 7, ..Default::default() }).unwrap());
    syncer(&new_ben, &client).sync_once().await.unwrap();
    sa.sync_once().await.unwrap();
    assert_eq!(new_ben.with(|s| s.shared().clone()), ana.with(|s| s.shared().clone()));
}
