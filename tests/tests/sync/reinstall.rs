//! A reinstalled phone rejoins its couple and restores everything from snapshot + tail.

use mend_shared::model::*;
use mend_shared::relay::RelayError;
use mend_shared::session::{SampleSpec, Session};
use mend_shared::store::DocKind;
use mend_shared::sync::KeyStore;
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

/// A couple with more than a year behind them, all of it in the relay's snapshot.
async fn a_long_history_in_the_relays_snapshot() -> Couple {
    let couple =
        Couple::with_history(RelayProcess::start(relay_bin!()), day(2026, 6, 1), SampleSpec::weeks(400))
            .await;
    let sa = syncer(&couple.ana, &couple.client);
    let cursor = sa.sync_once().await.unwrap().pull.cursor;
    assert!(sa.upload_snapshot(cursor).await.unwrap());
    couple
}

/// A new phone for Ana with the couple's key, not yet synced.
fn new_phone_for_ana(couple: &Couple) -> Phone {
    let secret = couple.ana.with(|s| KeyStore::of(s).load()).unwrap().unwrap();
    let phone = Phone::new(None, couple.ana.with(|s| s.today()));
    phone.with(|s| KeyStore::of(s).save(&secret)).unwrap();
    phone
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_phone_shows_the_last_weeks_of_a_long_history_first_and_all_of_it_and_its_view_within_the_round()
 {
    let couple = a_long_history_in_the_relays_snapshot().await;
    let everything = couple.ana.with(|s| s.shared().clone());

    // The pull itself: Today's records are in the typed state; the older days and the view
    // rows come after the first screen.
    let pulled = new_phone_for_ana(&couple);
    let pulling = syncer(&pulled, &couple.client);
    let (report, _) = pulling.pull(Duration::ZERO).await.unwrap();
    assert!(report.from_snapshot);
    let (today, ana_id) = couple.ana.with(|s| (s.today(), s.my_id().unwrap().clone()));
    let first = pulled.with(|s| s.shared().clone());
    assert_eq!(first.checkin(today, &ana_id), everything.checkin(today, &ana_id));
    assert!(first.checkin(today, &ana_id).is_some());
    assert_eq!(first.promises, everything.promises);
    assert_eq!(first.partners, everything.partners);
    assert!(first.checkins.len() < everything.checkins.len() / 4, "the older days come after");
    assert!(!pulled.with(|s| s.history_complete()));
    assert!(!pulled.with(|s| s.write_owed_view()).unwrap(), "the view waits for every record");
    assert!(pulling.complete_history().await.unwrap());
    assert_eq!(pulled.with(|s| s.shared().clone()), everything);
    assert!(pulled.with(|s| s.write_owed_view()).unwrap(), "the rows were left for after the first screen");

    // A whole round (as the app runs it) writes them once it has told the app.
    let synced = new_phone_for_ana(&couple);
    syncer(&synced, &couple.client).sync_once().await.unwrap();
    assert_eq!(synced.with(|s| s.shared().clone()), everything);
    assert!(!synced.with(|s| s.write_owed_view()).unwrap(), "the round wrote the rows");
}

/// A new phone for Ana syncs the first time with a long history waiting, as the app runs it; on
/// each status the app hears of, `look` at what the session would show, until `done`. Returns
/// the phone and what was seen.
async fn first_sync_as_the_app_sees_it<T: Send + 'static>(
    look: impl Fn(&Session) -> T + Send + 'static,
    done: impl Fn(&Session) -> bool + Send + 'static,
) -> (Phone, Vec<T>) {
    let couple = a_long_history_in_the_relays_snapshot().await;
    let phone = new_phone_for_ana(&couple);
    let new = syncer(&phone, &couple.client);
    let mut status = new.watch();
    let session = phone.session.clone();
    let seen = tokio::spawn(async move {
        let mut seen = Vec::new();
        while status.changed().await.is_ok() {
            let s = session.lock().unwrap();
            seen.push(look(&s));
            if done(&s) {
                break;
            }
        }
        seen
    });
    new.sync_once().await.unwrap();
    (phone, seen.await.unwrap())
}

/// On one runtime thread, as the phone runs sync: the app hears of the first screen while the
/// older days are still being read, not after.
#[tokio::test(flavor = "current_thread")]
async fn the_app_is_told_of_the_first_screen_before_the_older_days_are_read() {
    // What the session would show: records, and whether all.
    let (phone, seen) = first_sync_as_the_app_sees_it(
        |s| (s.shared().checkins.len(), s.history_complete()),
        |s| s.history_complete() && !s.shared().checkins.is_empty(),
    )
    .await;
    assert!(seen.iter().any(|&(records, all)| records > 0 && !all), "told before the older days: {seen:?}");
    assert!(phone.with(|s| s.history_complete()));
}

/// On one runtime thread again: once the older days are in, the app hears of it before the view
/// rows (a faster next open, nothing it shows) are written.
#[tokio::test(flavor = "current_thread")]
async fn the_app_is_told_every_day_is_in_before_the_view_rows_are_written() {
    // Whether every record is in, and how many view rows are written.
    let (phone, seen) = first_sync_as_the_app_sees_it(
        |s| (s.history_complete(), s.store_ref().view_rows(DocKind::Shared).unwrap().len()),
        Session::history_complete,
    )
    .await;
    assert!(seen.iter().any(|&(all, rows)| all && rows == 0), "told before the rows: {seen:?}");
    assert!(!phone.with(|s| s.write_owed_view()).unwrap(), "the round wrote them after");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_phone_restored_from_the_snapshot_knows_the_relay_holds_it_and_pushes_nothing_back() {
    let couple =
        Couple::with_history(RelayProcess::start(relay_bin!()), day(2026, 6, 1), SampleSpec::weeks(8)).await;
    let sa = syncer(&couple.ana, &couple.client);
    let cursor = sa.sync_once().await.unwrap().pull.cursor;
    assert!(sa.upload_snapshot(cursor).await.unwrap());

    let phone = new_phone_for_ana(&couple);
    let restored = syncer(&phone, &couple.client);
    assert!(restored.pull(Duration::ZERO).await.unwrap().0.from_snapshot);
    assert_eq!(restored.push().await.unwrap(), (0, 0), "nothing of the snapshot goes back up");

    // What the phone writes next is all it pushes.
    phone.with(|s| {
        s.adopt_profile(&couple.ana.with(|s| s.my_id().cloned()).unwrap()).unwrap();
        s.save_checkin(CheckInDraft { mood: 3, trust: 4, ..Default::default() }).unwrap()
    });
    assert_eq!(restored.push().await.unwrap(), (1, 1));
}
