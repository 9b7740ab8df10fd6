//! Pairing again in a new room: whatever this phone kept reaches the partner's fresh phone, every
//! author's changes included, because push sends all the relay is not known to hold.

use mend_shared::model::*;
use mend_shared::sync::{self, SyncState};
use mend_tests::relay_bin;
use mend_tests::util::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kept_copy_reaches_the_partners_fresh_phone_in_full_after_pairing_again() {
    let Couple { relay: _relay, client, ana, ben } = Couple::paired(relay_bin!(), day(2026, 6, 1)).await;
    promises_for_both(&ana, &ben);
    let (sa, sb) = (syncer(&ana, &client), syncer(&ben, &client));
    for s in [&sa, &sb, &sa] {
        s.sync_once().await.unwrap();
    }
    // A few days together: Ben's words and Ana's replies to them, interleaved.
    let mut expected = std::collections::BTreeMap::new();
    for d in 0..3 {
        ben.with(|s| live_a_day(s, d, &mut expected));
        sb.sync_once().await.unwrap();
        sa.sync_once().await.unwrap();
        ana.with(|s| live_a_day(s, d, &mut expected));
        sa.sync_once().await.unwrap();
        sb.sync_once().await.unwrap();
    }
    assert_eq!(ana.with(|s| s.shared().clone()), ben.with(|s| s.shared().clone()));
    let ben_id = ben.with(|s| s.my_id().unwrap().clone());

    // Ben's phone is lost with its copy; Ana unpairs and keeps hers.
    drop(sb);
    drop(ben);
    sync::unpair(&ana.session, &client, true).await.unwrap();
    let kept = ana.with(|s| s.shared().clone());
    assert!(kept.checkins.iter().any(|c| c.partner == ben_id), "Ana's copy holds Ben's words");

    // A new room with Ben's fresh phone: it has nothing, the relay has nothing.
    let new_ben = Phone::new(None, ana.with(|s| s.today()));
    pair(&ana, &new_ben, &client).await;
    let (sa, sn) = (syncer(&ana, &client), syncer(&new_ben, &client));
    let report = sa.sync_once().await.unwrap();
    let all_changes = ana.with(|s| s.shared_doc().unwrap().automerge().get_changes(&[]).len());
    assert_eq!(
        report.pushed_changes, all_changes,
        "every change Ana holds, Ben's included, goes to the new room"
    );
    sn.sync_once().await.unwrap();
    sa.sync_once().await.unwrap();

    let missing = new_ben.with(|s| s.shared_doc().unwrap().automerge().get_missing_deps(&[]));
    assert!(missing.is_empty(), "nothing on Ben's fresh phone waits for a change it never got: {missing:?}");
    assert_eq!(new_ben.with(|s| s.shared().clone()), ana.with(|s| s.shared().clone()));
    assert_eq!(new_ben.with(|s| s.shared().clone()), kept, "exactly what Ana kept");
    let got = new_ben.with(|s| record_values(s));
    for (key, value) in &expected {
        assert_eq!(got.get(key), Some(value), "lost on the way to Ben's fresh phone: {key}");
    }
    assert_eq!(sn.status().state, SyncState::Synced);
    assert_eq!(sa.status().pending_changes, 0);

    // Ben's fresh phone takes on his old profile, writes as him, and it reaches Ana.
    new_ben.with(|s| {
        if s.me().is_none() {
            s.adopt_profile(&ben_id).unwrap();
        }
        s.save_checkin(CheckInDraft { mood: 4, trust: 6, feel: "back".into(), ..Default::default() })
            .unwrap();
    });
    sn.sync_once().await.unwrap();
    sa.sync_once().await.unwrap();
    assert_eq!(new_ben.with(|s| s.shared().clone()), ana.with(|s| s.shared().clone()));
}
