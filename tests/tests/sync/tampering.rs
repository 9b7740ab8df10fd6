//! Bytes on the relay that are not the couple's own sealed changes are refused without harm.

use mend_shared::crypto::PairSecret;
use mend_shared::model::*;
use mend_shared::protocol::BundleId;
use mend_shared::sync::{SyncError, SyncState};
use mend_tests::relay_bin;
use mend_tests::util::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tampered_foreign_and_garbage_bundles_are_rejected_and_later_good_ones_still_apply() {
    let Couple { relay: _relay, client, ana, ben } = Couple::paired(relay_bin!(), day(2026, 6, 1)).await;
    let (sa, sb) = (syncer(&ana, &client), syncer(&ben, &client));
    sa.sync_once().await.unwrap();
    sb.sync_once().await.unwrap();
    let ben_before = ben.with(|s| s.shared().clone());
    let keys = sa.keys().clone();
    let changes = ana.with(|s| s.shared_doc().unwrap().changes_since(&[]));

    // 1. A real bundle of the couple's, altered in transit or at rest.
    let (id, mut sealed) = keys.seal_bundle(&[9; 16], &changes).unwrap();
    let middle = sealed.len() / 2;
    sealed[middle] ^= 0x20;
    client.put_bundle(&keys, &id, sealed).await.unwrap();
    // 2. A bundle sealed with another couple's key, slipped into this room.
    let stranger = PairSecret::random().derive();
    let (id2, sealed2) = stranger.seal_bundle(&[8; 16], &changes).unwrap();
    client.put_bundle(&keys, &id2, sealed2).await.unwrap();
    // 3. Plain garbage.
    client
        .put_bundle(&keys, &BundleId::for_content(b"garbage"), b"garbage bytes, not sealed at all".to_vec())
        .await
        .unwrap();

    let err = sb.sync_once().await.unwrap_err();
    assert!(matches!(err, SyncError::Rejected { count: 3, .. }), "{err:?}");
    assert_eq!(ben.with(|s| s.shared().clone()), ben_before, "local documents untouched");
    let status = sb.status();
    assert_eq!(status.state, SyncState::Error);
    assert_eq!(
        status.last_error.as_deref(),
        Some("Data from the relay failed to decrypt and was ignored. Your data on this phone is untouched.")
    );

    // Ana's next real change still reaches Ben.
    ana.with(|s| {
        s.save_checkin(CheckInDraft { mood: 3, trust: 5, feel: "steady".into(), ..Default::default() })
            .unwrap()
    });
    // Ana's phone meets the same three bad bundles on its pull, after pushing her change.
    let err = sa.sync_once().await.unwrap_err();
    assert!(matches!(err, SyncError::Rejected { count: 3, .. }), "{err:?}");
    assert_eq!(sa.status().pending_changes, 0, "her change was pushed all the same");
    sb.sync_once().await.unwrap();
    let ana_id = ana.with(|s| s.my_id().unwrap().clone());
    assert_eq!(
        ben.with(|s| s.shared().checkin(s.today(), &ana_id).map(|c| c.feel.clone())),
        Some("steady".into())
    );
    assert_eq!(sb.status().state, SyncState::Synced);
}

#[tokio::test]
async fn a_phone_with_the_wrong_token_is_refused_like_an_unknown_room() {
    let couple = Couple::paired(relay_bin!(), day(2026, 6, 1)).await;
    let stranger = PairSecret::random().derive();
    let err = couple.client.list_bundles(&stranger, 0, 10, std::time::Duration::ZERO).await.unwrap_err();
    assert_eq!(err, mend_shared::relay::RelayError::Unauthorized);
}
