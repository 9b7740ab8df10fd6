//! Unpairing needs nobody's consent, works when the partner's phone is gone, and keeps or erases
//! this phone's copy as the partner chooses.

use mend_shared::model::*;
use mend_shared::relay::RelayError;
use mend_shared::sync::{self, SyncError, is_paired};
use mend_tests::relay_bin;
use mend_tests::util::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unpairing_alone_deletes_the_room_and_keeps_this_phones_copy_when_asked() {
    let Couple { relay: _relay, client, ana, ben } = Couple::paired(relay_bin!(), day(2026, 6, 1)).await;
    ana.with(|s| s.save_checkin(CheckInDraft { mood: 3, trust: 4, ..Default::default() }).unwrap());
    let sa = syncer(&ana, &client);
    sa.sync_once().await.unwrap();
    let keys = sa.keys().clone();
    let before = ana.with(|s| s.shared().clone());
    // Ben's phone is gone: Ana unpairs on her own.
    let done = sync::unpair(&ana.session, &client, true).await.unwrap();
    assert!(done.relay_copy_deleted && done.kept_copy);
    assert!(!is_paired(&ana.session).unwrap());
    assert_eq!(ana.with(|s| s.shared().clone()), before);
    let err = client.list_bundles(&keys, 0, 10, std::time::Duration::ZERO).await.unwrap_err();
    assert_eq!(err, RelayError::Unauthorized, "the room and everything in it is gone");
    // Ben's phone, if it ever returns, is refused with a clear message, and can unpair too.
    let err = syncer(&ben, &client).sync_once().await.unwrap_err();
    assert!(err.user_message().contains("refused this couple's key"), "{}", err.user_message());
    let done = sync::unpair(&ben.session, &client, false).await.unwrap();
    assert!(done.relay_copy_deleted, "an already-deleted room counts as deleted");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unpairing_without_keeping_a_copy_erases_the_shared_document_but_not_the_private_journal() {
    let Couple { relay: _relay, client, ana, ben } = Couple::paired(relay_bin!(), day(2026, 6, 1)).await;
    ana.with(|s| {
        s.add_journal_entry(Visibility::Shared, JournalDraft { body: "ours".into(), ..Default::default() })
            .unwrap();
        s.add_journal_entry(Visibility::Private, JournalDraft { body: "mine".into(), ..Default::default() })
            .unwrap();
    });
    syncer(&ana, &client).sync_once().await.unwrap();
    syncer(&ben, &client).sync_once().await.unwrap();
    sync::unpair(&ana.session, &client, false).await.unwrap();
    ana.restart();
    ana.with(|s| {
        assert!(s.shared().journal.is_empty());
        assert_eq!(s.shared().partners.len(), 1, "only my own profile remains");
        assert_eq!(s.me().unwrap().name, "Ana");
        assert_eq!(s.private().journal.len(), 1);
    });
    assert!(matches!(sync::unpair(&ana.session, &client, true).await, Err(SyncError::NotPaired)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unpairing_while_the_relay_is_down_still_unpairs_and_deletes_the_room_later() {
    let Couple { mut relay, client, ana, ben: _ben } = Couple::paired(relay_bin!(), day(2026, 6, 1)).await;
    let keys = syncer(&ana, &client).keys().clone();
    relay.kill();
    let done = sync::unpair(&ana.session, &client, true).await.unwrap();
    assert!(!done.relay_copy_deleted);
    assert!(!is_paired(&ana.session).unwrap());
    relay.restart();
    assert!(sync::retry_pending_room_deletion(&ana.session, &client).await.unwrap());
    assert!(
        !sync::retry_pending_room_deletion(&ana.session, &client).await.unwrap(),
        "nothing left to retry"
    );
    let err = client.list_bundles(&keys, 0, 10, std::time::Duration::ZERO).await.unwrap_err();
    assert_eq!(err, RelayError::Unauthorized);
}
