//! The 30-day divergence benchmark: two phones edit offline for a month, then converge — from a
//! small base (a couple who just started) and from a realistic one (three years of history,
//! ≈13,400 changes, on both phones).
//!
//! Mend's protocol (sealed bundles through the real relay on loopback, each phone on its own
//! counting TCP link) is measured per direction — bytes uploaded against the zstd-compressed
//! changes pushed, requests, push and pull time — and end to end, side by side with automerge's
//! own sync protocol between the same two documents. On the three-year base it also measures the
//! first sync of a new phone (relay snapshot + 30-day tail) to the point the first screen can
//! show. Prints a verdict per target and exits non-zero when the bytes target (upload ≤ 1.3× the
//! compressed changes) is missed.
//! Run: `cargo bench -p mend-tests --bench sync_wire`.

use automerge::sync::SyncDoc;
use mend_shared::relay::RelayClient;
use mend_shared::sync::{KeyStore, Syncer};
use mend_tests::relay_bin;
use mend_tests::util::*;
use std::time::{Duration, Instant};

/// Upload bytes (HTTP headers included) per byte of zstd-compressed changes.
const BYTES_TARGET: f64 = 1.3;
/// Requests per direction: one upload, one download.
const REQUESTS_TARGET: u64 = 1;
/// A pull of the 30-day bundle on the three-year document, in ms.
const PULL_TARGET_MS: f64 = 20.0;
/// Both directions end to end on the three-year document, in ms.
const CONVERGE_TARGET_MS: f64 = 50.0;
/// A new phone's first sync of three years (snapshot + tail) until the first screen, in ms.
const FIRST_SCREEN_TARGET_MS: f64 = 400.0;
/// Timed repetitions on the three-year base (each from a fresh copy of both phones).
const SAMPLES: usize = 5;
/// Timed repetitions of automerge's merge alone, on either base.
const FLOOR_SAMPLES: usize = 5;

/// One direction of Mend's sync, counted on the two phones' links.
struct Direction {
    changes: usize,
    floor: usize,
    up_requests: u64,
    up_bytes: u64,
    down_requests: u64,
    down_bytes: u64,
    push_ms: f64,
    pull_ms: f64,
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let start = day(2026, 4, 1);
    let mut ok = true;

    let small = {
        let relay = RelayProcess::start(relay_bin!());
        let client = RelayClient::new(&relay.url()).unwrap();
        let (ana, ben) = (Phone::new(Some("Ana"), start), Phone::new(Some("Ben"), start));
        pair(&ana, &ben, &client).await;
        promises_for_both(&ana, &ben);
        for phone in [&ana, &ben, &ana] {
            syncer(phone, &client).sync_once().await.unwrap();
        }
        Couple { relay, client, ana, ben }
    };
    println!("== small base: a couple who just started ==");
    ok &= diverge_and_converge(&small, 1, false).await;

    println!();
    println!("== three-year base: 3 years of history on both phones ==");
    let built = Instant::now();
    let three = Couple::three_years(RelayProcess::start(relay_bin!()), start).await;
    // Three years leave many promises open; a couple keeps a few going at once (three each,
    // so a day apart is ≈10 changes, as on the small base).
    for phone in [&three.ana, &three.ben] {
        phone.with(|s| keep_newest_promises(s, 3));
    }
    for phone in [&three.ana, &three.ben, &three.ana] {
        syncer(phone, &three.client).sync_once().await.unwrap();
    }
    let checkins = three.ana.with(|s| s.shared().checkins.len());
    println!("(built and synced in {:.1} s: {checkins} check-ins)", built.elapsed().as_secs_f64());
    // The relay compacts: a snapshot covers the three years, the month apart is the tail.
    let sa = syncer(&three.ana, &three.client);
    let cursor = sa.sync_once().await.unwrap().pull.cursor;
    assert!(sa.upload_snapshot(cursor).await.unwrap(), "snapshot stored");
    ok &= diverge_and_converge(&three, SAMPLES, true).await;
    ok &= first_sync_of_a_new_phone(&three).await;

    if !ok {
        eprintln!("a target was missed (see the verdicts above)");
        std::process::exit(1);
    }
}

/// Thirty days apart, then each phone pushes and the other pulls, `samples` times from copies of
/// the diverged phones. Returns whether the bytes target held; prints every verdict.
async fn diverge_and_converge(couple: &Couple, samples: usize, timed_targets: bool) -> bool {
    let Couple { relay, ana, ben, .. } = couple;
    let base_heads = ana.with(|s| s.shared_doc().unwrap().heads());
    assert_eq!(
        base_heads,
        ben.with(|s| s.shared_doc().unwrap().heads()),
        "both start from the same document"
    );
    let expected = live_apart(ana, ben, 30);

    // The floor: the changes each side pushes, zstd-compressed (level 3, as Mend seals them).
    let new_a = ana.with(|s| s.shared_doc().unwrap().changes_since(&base_heads));
    let new_b = ben.with(|s| s.shared_doc().unwrap().changes_since(&base_heads));
    let zstd_a = zstd::bulk::compress(&new_a, 3).unwrap().len();
    let zstd_b = zstd::bulk::compress(&new_b, 3).unwrap().len();

    // Automerge's own sync protocol between copies of the same two documents (fresh sync states,
    // as a reconnecting peer has), counted message by message, in memory.
    let mut doc_a = ana.with(|s| automerge::AutoCommit::load(&s.shared_doc().unwrap().save()).unwrap());
    let mut doc_b = ben.with(|s| automerge::AutoCommit::load(&s.shared_doc().unwrap().save()).unwrap());
    let am = automerge_sync(&mut doc_a, &mut doc_b);

    // How fast this minute lets automerge merge: the same changes into a freshly loaded copy of
    // the same document, with nothing of Mend's around it (no relay, no seal, no typed state, no
    // SQLite). Not a strict floor: a fresh copy can merge more slowly than the phone's own.
    let floors = [
        automerge_merge_ms(ben, ana, &base_heads, samples.max(FLOOR_SAMPLES)),
        automerge_merge_ms(ana, ben, &base_heads, samples.max(FLOOR_SAMPLES)),
    ];

    let (tap_a, tap_b) = (Tap::start(relay.addr()).await, Tap::start(relay.addr()).await);
    let (link_a, link_b) = (RelayClient::new(&tap_a.url()).unwrap(), RelayClient::new(&tap_b.url()).unwrap());
    let mut runs = Vec::new();
    for _ in 0..samples {
        // Each sample starts from the same diverged files; the relay stores a bundle once, so
        // later samples push the same bytes again and pull the same bundle.
        let (a, b) = (ana.copy(), ben.copy());
        a.with(|s| s.ensure_loaded().map(drop)).unwrap();
        b.with(|s| s.ensure_loaded().map(drop)).unwrap();
        let (sa, sb) = (syncer(&a, &link_a), syncer(&b, &link_b));
        let started = Instant::now();
        let a_to_b = direction(&sa, &tap_a, &sb, &tap_b, zstd_a).await;
        let b_to_a = direction(&sb, &tap_b, &sa, &tap_a, zstd_b).await;
        let converge_ms = started.elapsed().as_secs_f64() * 1000.0;
        assert_eq!(a.with(|s| s.shared().clone()), b.with(|s| s.shared().clone()), "converged");
        let got = b.with(|s| record_values(s));
        assert!(expected.iter().all(|(k, v)| got.get(k) == Some(v)), "nothing lost");
        runs.push((a_to_b, b_to_a, converge_ms));
    }

    let (a_to_b, b_to_a, _) = &runs[0];
    println!("30-day divergence: {} changes on Ana's phone, {} on Ben's", a_to_b.changes, b_to_a.changes);
    println!(
        "raw changes: Ana {} B, Ben {} B; zstd-3 compressed: Ana {zstd_a} B, Ben {zstd_b} B",
        new_a.len(),
        new_b.len()
    );
    let mut bytes_ok = true;
    let mut requests_ok = true;
    for (i, name) in ["Ana -> Ben", "Ben -> Ana"].into_iter().enumerate() {
        let d = if i == 0 { a_to_b } else { b_to_a };
        let push = median(runs.iter().map(|r| if i == 0 { r.0.push_ms } else { r.1.push_ms }));
        let pull = median(runs.iter().map(|r| if i == 0 { r.0.pull_ms } else { r.1.pull_ms }));
        let up_ratio = d.up_bytes as f64 / d.floor as f64;
        let down_ratio = d.down_bytes as f64 / d.floor as f64;
        println!("mend {name} (median of {samples}):");
        println!(
            "  upload:   {} B in {} request(s) = {up_ratio:.3}x the compressed changes ({} B), push {push:.1} ms",
            d.up_bytes, d.up_requests, d.floor
        );
        println!(
            "  download: {} B in {} request(s) = {down_ratio:.3}x the compressed changes, pull {pull:.1} ms \
             (automerge alone merging the same changes into a fresh copy of this document: {:.1} ms)",
            d.down_bytes, d.down_requests, floors[i]
        );
        let b = up_ratio <= BYTES_TARGET;
        let r = d.up_requests == REQUESTS_TARGET && d.down_requests == REQUESTS_TARGET;
        println!(
            "  verdict: bytes {} (upload {up_ratio:.3}x, target <= {BYTES_TARGET}x); requests {} ({} up + {} down, target {REQUESTS_TARGET} each way){}",
            verdict(b),
            verdict(r),
            d.up_requests,
            d.down_requests,
            if timed_targets {
                format!(
                    "; pull {} ({pull:.1} ms, target <= {PULL_TARGET_MS} ms)",
                    verdict(pull <= PULL_TARGET_MS)
                )
            } else {
                String::new()
            }
        );
        bytes_ok &= b;
        requests_ok &= r;
    }
    let converge: Vec<f64> = runs.iter().map(|r| r.2).collect();
    let converge_median = median(converge.iter().copied());
    println!(
        "mend converged in {converge_median:.1} ms median (runs: {}; 2 pushes + 2 pulls over real HTTP on loopback, sealed){}",
        converge.iter().map(|ms| format!("{ms:.1}")).collect::<Vec<_>>().join(", "),
        if timed_targets {
            format!(
                "; verdict {} (target <= {CONVERGE_TARGET_MS} ms)",
                verdict(converge_median <= CONVERGE_TARGET_MS)
            )
        } else {
            String::new()
        }
    );
    println!(
        "automerge sync protocol: Ana -> Ben {} B, Ben -> Ana {} B ({} B in {} messages) over {} round trips; \
         {:.3}x / {:.3}x the compressed changes; {:.1} ms in memory (no network, no encryption)",
        am.a_to_b,
        am.b_to_a,
        am.a_to_b + am.b_to_a,
        am.messages,
        am.round_trips,
        am.a_to_b as f64 / zstd_a as f64,
        am.b_to_a as f64 / zstd_b as f64,
        am.millis
    );
    println!("overall: bytes {}, requests {}", verdict(bytes_ok), verdict(requests_ok));
    bytes_ok
}

/// A new phone for Ana (a reinstall) with the couple's key: its first sync pulls the relay's
/// snapshot of three years and the month's tail, then shows Today.
async fn first_sync_of_a_new_phone(couple: &Couple) -> bool {
    let secret = couple.ana.with(|s| KeyStore::of(s).load()).unwrap().unwrap();
    let ana_id = couple.ana.with(|s| s.my_id().cloned()).unwrap();
    let mut times = Vec::new();
    for _ in 0..SAMPLES {
        let new = Phone::new(None, couple.ana.with(|s| s.today()));
        new.with(|s| KeyStore::of(s).save(&secret)).unwrap();
        let syncer = Syncer::for_session(new.session.clone(), couple.client.clone()).unwrap().unwrap();
        let started = Instant::now();
        let report = syncer.pull(Duration::ZERO).await.unwrap().0;
        let pulled = started.elapsed();
        // The first screen: this phone is Ana again and Today's records are there to show.
        let today = new.with(|s| {
            s.adopt_profile(&ana_id).unwrap();
            let today = s.today();
            (s.shared().checkin(today, &ana_id).is_some(), s.shared().promises.len())
        });
        let screen = started.elapsed();
        assert!(report.from_snapshot && today.1 > 0, "restored from the snapshot");
        // Then, as the sync engine does after telling the app: the older days, read from a copy
        // of the document, and the view rows for the next open.
        assert!(syncer.complete_history().await.unwrap(), "the first sync left its older days for later");
        let whole = started.elapsed();
        assert!(new.with(|s| s.write_owed_view()).unwrap(), "the first sync left its view rows for later");
        let settled = started.elapsed();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        times.push((ms(pulled), ms(screen), ms(whole), ms(settled)));
    }
    let first = median(times.iter().map(|t| t.1));
    println!(
        "first sync of a new phone (3 years: snapshot + 30-day tail): pull {:.1} ms, first screen {first:.1} ms median (runs: {}), every day in by {:.1} ms, view rows written by {:.1} ms; verdict {} (target <= {FIRST_SCREEN_TARGET_MS} ms)",
        median(times.iter().map(|t| t.0)),
        times.iter().map(|t| format!("{:.1}", t.1)).collect::<Vec<_>>().join(", "),
        median(times.iter().map(|t| t.2)),
        median(times.iter().map(|t| t.3)),
        verdict(first <= FIRST_SCREEN_TARGET_MS)
    );
    true
}

/// The median time automerge alone takes to merge what `from` wrote since `base` into a copy of
/// `to`'s document, loaded afresh for each of `samples` runs.
fn automerge_merge_ms(to: &Phone, from: &Phone, base: &[automerge::ChangeHash], samples: usize) -> f64 {
    let saved = to.with(|s| s.shared_doc().unwrap().save());
    let changes = from.with(|s| s.shared_doc().unwrap().automerge().get_changes(base));
    median((0..samples).map(|_| {
        let mut doc = automerge::AutoCommit::load(&saved).unwrap();
        let started = Instant::now();
        doc.apply_changes(changes.clone()).unwrap();
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        assert!(doc.get_missing_deps(&[]).is_empty(), "every change merged");
        ms
    }))
}

/// Push from `from` and pull on `to`, counting each on its own link.
async fn direction(from: &Syncer, from_link: &Tap, to: &Syncer, to_link: &Tap, floor: usize) -> Direction {
    from.local_change();
    let changes = from.status().pending_changes;
    from_link.reset_counters();
    let t = Instant::now();
    let (pushed, bundles) = from.push().await.unwrap();
    let push_ms = t.elapsed().as_secs_f64() * 1000.0;
    assert_eq!((pushed, bundles), (changes, 1), "everything in one bundle");
    let (up_bytes, _) = from_link.bytes();
    let up_requests = from_link.requests();
    to_link.reset_counters();
    let t = Instant::now();
    let (report, _) = to.pull(Duration::ZERO).await.unwrap();
    let pull_ms = t.elapsed().as_secs_f64() * 1000.0;
    assert_eq!(report.applied, 1);
    let (_, down_bytes) = to_link.bytes();
    Direction {
        changes,
        floor,
        up_requests,
        up_bytes,
        down_requests: to_link.requests(),
        down_bytes,
        push_ms,
        pull_ms,
    }
}

/// Retire all but my `keep` newest open promises.
fn keep_newest_promises(s: &mut mend_shared::session::Session, keep: usize) {
    let me = s.my_id().expect("profile").clone();
    let mut open: Vec<_> =
        s.shared().promises.iter().filter(|p| p.owner == me && p.is_open()).cloned().collect();
    open.sort_by_key(|p| std::cmp::Reverse(p.created_at));
    for p in open.iter().skip(keep) {
        s.retire_promise(&p.id).expect("retire");
    }
}

fn median(values: impl Iterator<Item = f64>) -> f64 {
    let mut v: Vec<f64> = values.collect();
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn verdict(ok: bool) -> &'static str {
    if ok { "PASS" } else { "MISS" }
}

struct AmStats {
    a_to_b: usize,
    b_to_a: usize,
    messages: usize,
    round_trips: usize,
    millis: f64,
}

fn automerge_sync(a: &mut automerge::AutoCommit, b: &mut automerge::AutoCommit) -> AmStats {
    let (mut sa, mut sb) = (automerge::sync::State::new(), automerge::sync::State::new());
    let started = Instant::now();
    let (mut a_to_b, mut b_to_a, mut messages, mut round_trips) = (0, 0, 0, 0);
    loop {
        let mut progressed = false;
        if let Some(m) = a.sync().generate_sync_message(&mut sa) {
            let encoded = m.encode();
            a_to_b += encoded.len();
            messages += 1;
            progressed = true;
            b.sync()
                .receive_sync_message(&mut sb, automerge::sync::Message::decode(&encoded).unwrap())
                .unwrap();
        }
        if let Some(m) = b.sync().generate_sync_message(&mut sb) {
            let encoded = m.encode();
            b_to_a += encoded.len();
            messages += 1;
            progressed = true;
            a.sync()
                .receive_sync_message(&mut sa, automerge::sync::Message::decode(&encoded).unwrap())
                .unwrap();
        }
        if !progressed {
            break;
        }
        round_trips += 1;
    }
    assert_eq!(a.get_heads(), b.get_heads());
    AmStats { a_to_b, b_to_a, messages, round_trips, millis: started.elapsed().as_secs_f64() * 1000.0 }
}
