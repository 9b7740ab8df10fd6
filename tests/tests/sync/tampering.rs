//! Bytes on the relay that are not the couple's own sealed changes are refused without harm.

use mend_shared::crypto::{CryptoError, PairSecret};
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
    assert!(matches!(err, SyncError::Rejected { count: 3, first: CryptoError::Tampered }), "{err:?}");
    assert_eq!(ben.with(|s| s.shared().clone()), ben_before, "local documents untouched");
    let status = sb.status();
    assert_eq!(status.state, SyncState::Error);
    assert_eq!(
        status.last_error.as_deref(),
        Some(
            "Data from the relay failed to decrypt and was ignored: it was altered, or sealed with another \
             couple's key. Your data on this phone is untouched."
        )
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_refusal_says_its_own_reason() {
    let Couple { relay: _relay, client, ana, ben } = Couple::paired(relay_bin!(), day(2026, 6, 1)).await;
    let (sa, sb) = (syncer(&ana, &client), syncer(&ben, &client));
    sa.sync_once().await.unwrap();
    sb.sync_once().await.unwrap();
    let keys = sa.keys().clone();
    // Plain garbage first: not a Mend envelope at all.
    client.put_bundle(&keys, &BundleId::for_content(b"junk"), b"junk, not sealed".to_vec()).await.unwrap();
    let err = sb.sync_once().await.unwrap_err();
    assert!(matches!(err, SyncError::Rejected { count: 1, first: CryptoError::NotAnEnvelope }), "{err:?}");
    assert_eq!(
        err.user_message(),
        "The relay sent data that isn't from Mend; it was ignored. Your data on this phone is untouched."
    );
    // A sealed bundle of the couple's that holds no automerge changes.
    let (id, sealed) = keys.seal_bundle(&[9; 16], b"sealed, but not changes").unwrap();
    client.put_bundle(&keys, &id, sealed).await.unwrap();
    let err = sb.sync_once().await.unwrap_err();
    assert!(
        matches!(err, SyncError::Rejected { count: 1, first: CryptoError::Unreadable { what: "bundle" } }),
        "{err:?}"
    );
    assert!(err.user_message().contains("damaged or unreadable"), "{}", err.user_message());
    // A snapshot envelope stored as a bundle.
    let snap = keys.seal_snapshot(&[9; 16], 1, b"doc").unwrap();
    client.put_bundle(&keys, &BundleId::for_content(&snap), snap).await.unwrap();
    let err = sb.sync_once().await.unwrap_err();
    assert!(matches!(err, SyncError::Rejected { first: CryptoError::WrongKind { .. }, .. }), "{err:?}");
    assert!(err.user_message().contains("a snapshot where a bundle belongs"), "{}", err.user_message());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bundle_from_a_newer_mend_is_never_skipped_and_asks_for_an_update() {
    let Couple { relay: _relay, client, ana, ben } = Couple::paired(relay_bin!(), day(2026, 6, 1)).await;
    let (sa, sb) = (syncer(&ana, &client), syncer(&ben, &client));
    sa.sync_once().await.unwrap();
    sb.sync_once().await.unwrap();
    let keys = sa.keys().clone();
    let journal = |body: &str| JournalDraft { body: body.into(), ..Default::default() };
    ana.with(|s| s.add_journal_entry(Visibility::Shared, journal("before")).unwrap());
    sa.sync_once().await.unwrap();
    // Ana's phone (updated first) writes in envelope version 2; then an ordinary bundle follows.
    let mut newer = vec![2u8];
    newer.extend_from_slice(&[0x5a; 120]);
    client.put_bundle(&keys, &BundleId::for_content(&newer), newer).await.unwrap();
    ana.with(|s| s.add_journal_entry(Visibility::Shared, journal("after")).unwrap());
    assert_eq!(sa.push().await.unwrap().1, 1, "the ordinary bundle is on the relay after the newer one");

    for attempt in 0..2 {
        let err = sb.sync_once().await.unwrap_err();
        assert!(matches!(err, SyncError::NeedsUpdate { version: 2 }), "attempt {attempt}: {err:?}");
        let status = sb.status();
        assert_eq!(status.state, SyncState::Error);
        let words = status.last_error.unwrap();
        assert!(words.contains("Update Mend"), "{words}");
        let bodies: Vec<String> = ben.with(|s| s.shared().journal.iter().map(|e| e.body.clone()).collect());
        assert_eq!(
            bodies,
            ["before"],
            "attempt {attempt}: stopped at the newer bundle, nothing after it skipped to"
        );
    }
}
