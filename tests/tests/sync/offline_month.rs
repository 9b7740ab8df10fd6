//! A month apart: both phones edit offline for 30 days, then sync once and agree on everything.

use mend_shared::relay::RelayClient;
use mend_tests::relay_bin;
use mend_tests::util::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_month_of_offline_edits_on_both_phones_merges_with_nothing_lost() {
    let relay = RelayProcess::start(relay_bin!());
    // Each phone reaches the relay through its own counting link.
    let (tap_a, tap_b) = (Tap::start(relay.addr()).await, Tap::start(relay.addr()).await);
    let (link_a, link_b) = (RelayClient::new(&tap_a.url()).unwrap(), RelayClient::new(&tap_b.url()).unwrap());
    let start = day(2026, 4, 1);
    let (ana, ben) = (Phone::new(Some("Ana"), start), Phone::new(Some("Ben"), start));
    pair(&ana, &ben, &link_a).await;
    promises_for_both(&ana, &ben);
    let (sa, sb) = (syncer(&ana, &link_a), syncer(&ben, &link_b));
    sa.sync_once().await.unwrap();
    sb.sync_once().await.unwrap();
    sa.sync_once().await.unwrap();

    // Thirty days with no sync at all. Ben lives three hours behind Ana.
    let expected = live_apart(&ana, &ben, 30);
    // The app tells the syncer after each edit; once is enough to refresh the count here.
    sa.local_change();
    sb.local_change();
    let pending_a = sa.status().pending_changes;
    let pending_b = sb.status().pending_changes;
    assert!(pending_a >= 280 && pending_b >= 280, "about 300 changes each: {pending_a} / {pending_b}");

    tap_a.reset_counters();
    tap_b.reset_counters();
    let ra = sa.sync_once().await.unwrap();
    assert_eq!(tap_a.requests(), 2, "Ana: one look for news, one upload");
    let rb = sb.sync_once().await.unwrap();
    assert_eq!(tap_b.requests(), 2, "Ben: one download (Ana's month), one upload");
    let ra2 = sa.sync_once().await.unwrap();
    assert_eq!(tap_a.requests(), 3, "Ana: one download (Ben's month), nothing more to send");
    assert_eq!(ra.pushed_changes, pending_a);
    assert_eq!(rb.pushed_changes, pending_b);
    assert_eq!((ra.pushed_bundles, rb.pushed_bundles, ra2.pushed_bundles), (1, 1, 0), "one bundle each way");
    assert_eq!((rb.pull.applied, ra2.pull.applied), (1, 1), "each downloads the other's one bundle");

    let (state_a, state_b) = (ana.with(|s| s.shared().clone()), ben.with(|s| s.shared().clone()));
    assert_eq!(state_a, state_b, "both phones hold the same typed state");
    let got = ana.with(|s| record_values(s));
    for (key, value) in &expected {
        assert_eq!(got.get(key), Some(value), "lost or changed: {key}");
    }
    let kinds = |prefix: &str| expected.keys().filter(|k| k.starts_with(prefix)).count();
    assert_eq!(kinds("promise/"), 6, "every promise's last wording is checked");
    assert!(kinds("reflection/") >= 2, "reflections are checked too");
    assert_eq!(state_a.checkins.len(), 60, "one check-in per partner per day");
    // Private journals stayed home.
    assert!(state_a.journal.iter().all(|e| e.body.starts_with("shared")));
    assert_eq!(ana.with(|s| s.private().journal.len()), 10);
    assert_eq!(sa.status().pending_changes, 0);
    assert_eq!(sb.status().state, mend_shared::sync::SyncState::Synced);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_push_too_big_for_one_bundle_goes_up_in_bundles_the_relay_takes_and_arrives_whole() {
    use mend_shared::model::{JournalDraft, Visibility};
    let Couple { relay: _relay, client, ana, ben } = Couple::paired(relay_bin!(), day(2026, 4, 1)).await;
    let (sa, sb) = (syncer(&ana, &client), syncer(&ben, &client));
    // Long entries of text that barely compresses: well over the relay's 1 MiB per bundle.
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut words = || {
        (0..19_000)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                b"abcdefghijklmnopqrstuvwxyz  "[(seed % 28) as usize] as char
            })
            .collect::<String>()
    };
    let bodies: Vec<String> = (0..120).map(|i| format!("entry {i}: {}.", words())).collect();
    for body in &bodies {
        ana.with(|s| {
            s.add_journal_entry(Visibility::Shared, JournalDraft { body: body.clone(), ..Default::default() })
        })
        .unwrap();
    }

    let (changes, bundles) = sa.push().await.unwrap();
    assert!(changes >= 120 && bundles >= 2, "{changes} changes in {bundles} bundles");
    sb.sync_once().await.unwrap();
    let mut arrived: Vec<String> = ben.with(|s| s.shared().journal.iter().map(|e| e.body.clone()).collect());
    arrived.sort();
    let mut written = bodies.clone();
    written.sort();
    assert!(arrived == written, "{} of {} entries arrived as written", arrived.len(), written.len());
    assert_eq!(sa.push().await.unwrap(), (0, 0), "nothing is left to push");
}
