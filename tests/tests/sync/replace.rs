//! A lost phone replaced: Ben's phone brings Ana's new phone in by code, the couple moves to a
//! fresh pair secret and room at once, and the lost phone opens nothing written afterwards.

use mend_shared::model::*;
use mend_shared::pairing::PairingError;
use mend_shared::relay::RelayError;
use mend_shared::sync::{self, KeyStore, SyncError};
use mend_tests::relay_bin;
use mend_tests::util::*;
use std::time::Duration;

/// A month of the couple's life, synced, with something private on Ana's old phone.
async fn a_synced_month(couple: &Couple) {
    let Couple { ana, ben, .. } = couple;
    promises_for_both(ana, ben);
    sync_both(couple).await;
    live_apart(ana, ben, 30);
    ana.with(|s| {
        s.add_journal_entry(
            Visibility::Private,
            JournalDraft { body: "ONLY-ON-ANAS-PHONE".into(), ..Default::default() },
        )
        .unwrap()
    });
    sync_both(couple).await;
    assert_eq!(ana.with(|s| s.shared().clone()), ben.with(|s| s.shared().clone()));
}

/// Ana, Ben, Ana: each has everything the other wrote.
async fn sync_both(couple: &Couple) {
    let (sa, sb) = (syncer(&couple.ana, &couple.client), syncer(&couple.ben, &couple.client));
    sa.sync_once().await.unwrap();
    sb.sync_once().await.unwrap();
    sa.sync_once().await.unwrap();
}

/// Ben replaces Ana's phone with `new_phone`, both sides at once.
async fn replace(
    ben: &Phone,
    new_phone: &Phone,
    client: &mend_shared::relay::RelayClient,
) -> (Result<sync::Paired, SyncError>, Result<sync::Paired, SyncError>) {
    let invite = sync::replace_partner_phone(&ben.session, client).await.expect("replacement opens");
    assert!(invite.is_replacement());
    let code = invite.code();
    tokio::join!(invite.finish(), sync::join_with_code(&new_phone.session, client, &code))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bens_phone_replaces_anas_lost_phone_by_code_and_the_lost_phone_reads_nothing_new() {
    let couple = Couple::paired(relay_bin!(), day(2026, 6, 1)).await;
    a_synced_month(&couple).await;
    let Couple { relay, client, ana: lost, ben } = &couple;
    let ana_id = lost.with(|s| s.my_id().unwrap().clone());
    // The lost phone keeps its key: whoever has it now holds the old secret.
    let old = syncer(lost, client);
    assert!(lost.with(|s| KeyStore::of(s).load()).unwrap().is_some());
    let bens_history_before = ben.with(|s| s.shared().clone());

    // Ana's new phone: nothing on it yet, no profile.
    let new_ana = Phone::new(None, ben.with(|s| s.today()));
    let (finished, joined) = replace(ben, &new_ana, client).await;
    finished.expect("Ben's phone finishes the replacement");
    assert_eq!(joined.expect("the new phone joins").partner_name.as_deref(), Some("Ben"));

    // Ana again: her own id and name, no stranger record, everything shared — and nothing private.
    assert_eq!(new_ana.with(|s| s.my_id().cloned()), Some(ana_id.clone()), "the new phone is Ana again");
    assert_eq!(new_ana.with(|s| s.me().unwrap().name.clone()), "Ana");
    assert_eq!(new_ana.with(|s| s.shared().partners.len()), 2, "no second Ana");
    assert_eq!(new_ana.with(|s| s.shared().clone()), bens_history_before, "the whole shared history");
    assert!(new_ana.with(|s| s.private().journal.is_empty()), "the private journal was never on Ben's phone");
    assert!(!sync::awaiting_history(&mend_shared::sync::lock(&new_ana.session)));

    // A fresh secret and room; the old room is gone from the relay.
    let new_keys = syncer(&new_ana, client);
    assert_ne!(new_keys.keys().room, old.keys().room, "a new room");
    assert_eq!(syncer(ben, client).keys().room, new_keys.keys().room, "Ben moved too");
    let gone = client.list_bundles(old.keys(), 0, 10, Duration::ZERO).await.unwrap_err();
    assert_eq!(gone, RelayError::Unauthorized, "the old room was deleted");
    assert!(relay.stored_bundle_seqs(&old.keys().room).is_empty(), "and its bundles left the relay");

    // Life goes on without the lost phone.
    let sb = syncer(ben, client);
    ben.with(|s| {
        s.save_checkin(CheckInDraft {
            mood: 4,
            trust: 7,
            feel: "WRITTEN-AFTER-THE-MOVE".into(),
            ..Default::default()
        })
        .unwrap()
    });
    sb.sync_once().await.unwrap();
    new_ana.with(|s| s.save_checkin(CheckInDraft { mood: 3, trust: 6, ..Default::default() }).unwrap());
    new_keys.sync_once().await.unwrap();
    sb.sync_once().await.unwrap();
    assert_eq!(new_ana.with(|s| s.shared().clone()), ben.with(|s| s.shared().clone()));

    // The lost phone: its room is gone, it can't list the new room, and the new bundles don't
    // open with its key.
    assert!(old.sync_once().await.is_err(), "the lost phone's sync is refused");
    assert_eq!(
        client.list_bundles(old.keys(), 0, 10, Duration::ZERO).await.unwrap_err(),
        RelayError::Unauthorized
    );
    let page = client.list_bundles(new_keys.keys(), 0, 100, Duration::ZERO).await.unwrap();
    assert!(!page.bundles.is_empty());
    for bundle in &page.bundles {
        assert!(new_keys.keys().open_bundle(&bundle.id, &bundle.bytes).is_ok(), "positive control");
        assert!(old.keys().open_bundle(&bundle.id, &bundle.bytes).is_err(), "the lost key opens nothing new");
    }
    assert!(!lost.with(|s| format!("{:?}", s.shared())).contains("WRITTEN-AFTER-THE-MOVE"));

    // Nothing lost on Ben's phone: every record from before is still there.
    let now = ben.with(|s| s.shared().clone());
    for p in bens_history_before.promises.iter() {
        assert!(now.promises.get(p.id.as_str()).is_some());
    }
    assert!(now.checkins.len() > bens_history_before.checkins.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replacement_joined_by_a_phone_set_up_as_someone_else_changes_nothing() {
    let couple = Couple::paired(relay_bin!(), day(2026, 6, 1)).await;
    sync_both(&couple).await;
    let Couple { client, ana, ben, .. } = &couple;
    let sb = syncer(ben, client);
    let old_room = sb.keys().room;
    // Someone made a new profile on the new phone instead of choosing the replacement.
    let stranger = Phone::new(Some("Ana"), ben.with(|s| s.today()));
    let (finished, joined) = replace(ben, &stranger, client).await;
    let err = finished.unwrap_err();
    assert!(
        matches!(err, SyncError::Pairing(PairingError::NotTheReplacedPartner { ref name }) if name == "Ana"),
        "{err:?}"
    );
    assert!(joined.is_err(), "the stranger got nothing");
    assert!(!sync::is_paired(&stranger.session).unwrap());
    // Ben and Ana carry on in their old room.
    assert_eq!(syncer(ben, client).keys().room, old_room);
    ana.with(|s| s.save_checkin(CheckInDraft { mood: 4, trust: 6, ..Default::default() }).unwrap());
    syncer(ana, client).sync_once().await.unwrap();
    sb.sync_once().await.unwrap();
    assert_eq!(ben.with(|s| s.shared().checkins.len()), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_phone_restored_from_a_sealed_backup_then_replaced_has_everything_back() {
    let couple = Couple::paired(relay_bin!(), day(2026, 6, 1)).await;
    a_synced_month(&couple).await;
    let Couple { client, ana: lost, ben, .. } = &couple;
    let passphrase = "lantern orchard velvet tuesday";
    let sealed = lost.with(|s| s.export_sealed_backup(passphrase, passphrase).unwrap().text);
    let private = lost.with(|s| s.private().clone());
    // Ben writes more after the backup was made; it comes back through the replacement.
    ben.with(|s| s.add_note(NoteKind::SupportRequest, "AFTER-THE-BACKUP").unwrap());
    syncer(ben, client).sync_once().await.unwrap();

    let new_ana = Phone::new(None, ben.with(|s| s.today()));
    let report = new_ana.with(|s| s.restore_backup(&sealed, Some(passphrase))).unwrap();
    assert!(report.sealed && report.adopted_profile);
    let (finished, joined) = replace(ben, &new_ana, client).await;
    finished.unwrap();
    joined.unwrap();
    syncer(&new_ana, client).sync_once().await.unwrap();
    assert_eq!(new_ana.with(|s| s.private().clone()), private, "the private journal, from the backup");
    assert_eq!(new_ana.with(|s| s.shared().clone()), ben.with(|s| s.shared().clone()), "the rest, from Ben");
    assert_eq!(new_ana.with(|s| s.shared().partners.len()), 2);
}
