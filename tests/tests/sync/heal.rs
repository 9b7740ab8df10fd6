//! A bundle that fails to open leaves later changes waiting: the phone says so, asks the
//! partner's phone to send the missing changes again, and both converge on the next syncs.

use mend_shared::crypto::{CryptoError, Sealed, SealedKind};
use mend_shared::model::*;
use mend_shared::sync::{SyncError, SyncState};
use mend_tests::relay_bin;
use mend_tests::util::*;
use std::time::Duration;

fn write(phone: &Phone, body: &str) {
    phone.with(|s| {
        s.add_journal_entry(Visibility::Shared, JournalDraft { body: body.into(), ..Default::default() })
            .unwrap()
    });
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bundle_damaged_on_the_relay_is_reported_asked_for_again_and_healed() {
    let Couple { relay, client, ana, ben } = Couple::paired(relay_bin!(), day(2026, 6, 1)).await;
    let (sa, sb) = (syncer(&ana, &client), syncer(&ben, &client));
    for s in [&sa, &sb, &sa] {
        s.sync_once().await.unwrap();
    }
    // Two bundles from Ana; the second builds on the first.
    write(&ana, "the first thing I wanted to say");
    assert_eq!(sa.sync_once().await.unwrap().pushed_bundles, 1);
    let damaged_seq = client.list_bundles(sa.keys(), 0, 1000, Duration::ZERO).await.unwrap().latest_seq;
    write(&ana, "and what follows from it");
    sa.sync_once().await.unwrap();

    // Damage the first bundle at rest, in the middle of its ciphertext.
    relay.edit_bundle(&sa.keys().room, damaged_seq, |bytes| {
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0x40;
    });

    let err = sb.sync_once().await.unwrap_err();
    assert!(matches!(err, SyncError::Rejected { count: 1, first: CryptoError::Tampered }), "{err:?}");
    assert!(err.user_message().contains("altered"), "{}", err.user_message());
    assert!(ben.with(|s| s.shared().journal.is_empty()), "the later change waits for the damaged one");
    // Ben's phone asked Ana's phone, in a sealed request of its own kind.
    let page = client.list_bundles(sa.keys(), damaged_seq, 1000, Duration::ZERO).await.unwrap();
    let last = page.bundles.last().unwrap();
    let sealed = Sealed::parse(&last.bytes).unwrap();
    assert_eq!(sealed.kind, SealedKind::Request);
    assert_eq!(sealed.sender, ben.with(|s| s.device_id()));

    // Syncing again while Ana's phone is away: no error, but the status says what is missing.
    let report = sb.sync_once().await.unwrap();
    assert!(!report.asked_for_missing, "one request per gap, not one per sync");
    let status = sb.status();
    assert_eq!(status.state, SyncState::Waiting);
    assert_eq!(status.missing_from_partner, 1);
    assert!(status.describe().contains("still on their way"), "{}", status.describe());
    // The waiting change survives an app restart (automerge keeps it only in memory).
    drop(sb);
    ben.restart();
    let sb = syncer(&ben, &client);
    assert_eq!(sb.status().missing_from_partner, 1, "still known to be missing after a restart");

    // Ana's phone reads the request and sends again; Ben's phone catches up.
    let ra = sa.sync_once().await.unwrap();
    assert_eq!(ra.pull.resend_requests, 1);
    assert!(ra.pushed_changes >= 2, "both of Ana's changes went again: {ra:?}");
    sb.sync_once().await.unwrap();
    sa.sync_once().await.unwrap();
    assert_eq!(ben.with(|s| s.shared().journal.len()), 2);
    assert_eq!(ana.with(|s| s.shared().clone()), ben.with(|s| s.shared().clone()));
    assert!(ben.with(|s| s.shared_doc().unwrap().automerge().get_missing_deps(&[]).is_empty()));
    assert_eq!(sb.status().state, SyncState::Synced);
    assert_eq!(sb.status().missing_from_partner, 0);
    // Healed for good: a restart brings nothing back to wait on.
    drop(sb);
    ben.restart();
    assert_eq!(syncer(&ben, &client).status().state, SyncState::Synced);
}
