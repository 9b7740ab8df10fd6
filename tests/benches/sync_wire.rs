//! The 30-day divergence benchmark: two phones edit offline for a month, then converge.
//!
//! Mend's protocol (sealed bundles through the real relay on loopback, each phone on its own
//! counting TCP link) measured per direction — bytes uploaded against the zstd-compressed
//! changes pushed, requests, time — side by side with automerge's own sync protocol between the
//! same two documents. Prints a verdict per target and exits non-zero when the bytes target
//! (upload ≤ 1.3× the compressed changes) is missed.
//! Run: `cargo bench -p mend-tests --bench sync_wire`.

use automerge::sync::SyncDoc;
use mend_shared::relay::RelayClient;
use mend_tests::relay_bin;
use mend_tests::util::*;
use std::time::{Duration, Instant};

/// Upload bytes (HTTP headers included) per byte of zstd-compressed changes.
const BYTES_TARGET: f64 = 1.3;
/// Requests per direction: one upload, one download.
const REQUESTS_TARGET: u64 = 1;

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
    let relay = RelayProcess::start(relay_bin!());
    let (tap_a, tap_b) = (Tap::start(relay.addr()).await, Tap::start(relay.addr()).await);
    let (link_a, link_b) = (RelayClient::new(&tap_a.url()).unwrap(), RelayClient::new(&tap_b.url()).unwrap());
    let start = day(2026, 4, 1);
    let (ana, ben) = (Phone::new(Some("Ana"), start), Phone::new(Some("Ben"), start));
    pair(&ana, &ben, &link_a).await;
    promises_for_both(&ana, &ben);
    let (sa, sb) = (syncer(&ana, &link_a), syncer(&ben, &link_b));
    for s in [&sa, &sb, &sa] {
        s.sync_once().await.unwrap();
    }
    let base_heads = ana.with(|s| s.shared_doc().unwrap().heads());
    assert_eq!(
        base_heads,
        ben.with(|s| s.shared_doc().unwrap().heads()),
        "both start from the same document"
    );

    let expected = live_apart(&ana, &ben, 30);

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

    // Mend: Ana → relay → Ben, then Ben → relay → Ana; each step on its own link.
    let started = Instant::now();
    let a_to_b = direction(&sa, &tap_a, &sb, &tap_b, zstd_a).await;
    let b_to_a = direction(&sb, &tap_b, &sa, &tap_a, zstd_b).await;
    let converge = started.elapsed();
    assert_eq!(ana.with(|s| s.shared().clone()), ben.with(|s| s.shared().clone()), "converged");
    let got = ben.with(|s| record_values(s));
    assert!(expected.iter().all(|(k, v)| got.get(k) == Some(v)), "nothing lost");

    println!("30-day divergence: {} changes on Ana's phone, {} on Ben's", a_to_b.changes, b_to_a.changes);
    println!(
        "raw changes: Ana {} B, Ben {} B; zstd-3 compressed: Ana {zstd_a} B, Ben {zstd_b} B",
        new_a.len(),
        new_b.len()
    );
    let mut bytes_ok = true;
    let mut requests_ok = true;
    for (name, d) in [("Ana -> Ben", &a_to_b), ("Ben -> Ana", &b_to_a)] {
        let up_ratio = d.up_bytes as f64 / d.floor as f64;
        let down_ratio = d.down_bytes as f64 / d.floor as f64;
        println!("mend {name}:");
        println!(
            "  upload:   {} B in {} request(s) = {up_ratio:.3}x the compressed changes ({} B), {:.1} ms",
            d.up_bytes, d.up_requests, d.floor, d.push_ms
        );
        println!(
            "  download: {} B in {} request(s) = {down_ratio:.3}x the compressed changes, {:.1} ms",
            d.down_bytes, d.down_requests, d.pull_ms
        );
        let b = up_ratio <= BYTES_TARGET;
        let r = d.up_requests == REQUESTS_TARGET && d.down_requests == REQUESTS_TARGET;
        println!(
            "  verdict: bytes {} (upload {up_ratio:.3}x, target <= {BYTES_TARGET}x); requests {} ({} up + {} down, target {REQUESTS_TARGET} each way)",
            if b { "PASS" } else { "MISS" },
            if r { "PASS" } else { "MISS" },
            d.up_requests,
            d.down_requests
        );
        bytes_ok &= b;
        requests_ok &= r;
    }
    println!(
        "mend converged in {:.1} ms (2 pushes + 2 pulls over real HTTP on loopback, sealed)",
        converge.as_secs_f64() * 1000.0
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
    println!(
        "overall: bytes {}, requests {}",
        if bytes_ok { "PASS" } else { "MISS" },
        if requests_ok { "PASS" } else { "MISS" }
    );
    if !bytes_ok {
        eprintln!("the bytes target was missed");
        std::process::exit(1);
    }
}

/// Push from `from` and pull on `to`, counting each on its own link.
async fn direction(
    from: &mend_shared::sync::Syncer,
    from_link: &Tap,
    to: &mend_shared::sync::Syncer,
    to_link: &Tap,
    floor: usize,
) -> Direction {
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
