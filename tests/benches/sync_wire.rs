//! The 30-day divergence benchmark: two phones edit offline for a month, then converge.
//!
//! Mend's protocol (sealed bundles through the real relay on loopback, bytes counted on the TCP
//! link) side by side with automerge's own sync protocol between the same two documents, and the
//! zstd-compressed changes as the floor. Run: `cargo bench -p mend-tests --bench sync_wire`.

use automerge::sync::SyncDoc;
use mend_shared::relay::RelayClient;
use mend_tests::relay_bin;
use mend_tests::util::*;
use std::time::Instant;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let relay = RelayProcess::start(relay_bin!());
    let tap = Tap::start(relay.addr()).await;
    let client = RelayClient::new(&tap.url()).unwrap();
    let start = day(2026, 4, 1);
    let (ana, ben) = (Phone::new(Some("Ana"), start), Phone::new(Some("Ben"), start));
    pair(&ana, &ben, &client).await;
    promises_for_both(&ana, &ben);
    let (sa, sb) = (syncer(&ana, &client), syncer(&ben, &client));
    for s in [&sa, &sb, &sa] {
        s.sync_once().await.unwrap();
    }
    let base_heads = ana.with(|s| s.shared_doc().unwrap().heads());

    let expected = live_apart(&ana, &ben, 30);

    // The floor: each side's new changes, zstd-compressed (level 3, as Mend seals them).
    let new_a = ana.with(|s| s.shared_doc().unwrap().changes_since(&base_heads));
    let new_b = ben.with(|s| s.shared_doc().unwrap().changes_since(&base_heads));
    let zstd_a = zstd::bulk::compress(&new_a, 3).unwrap().len();
    let zstd_b = zstd::bulk::compress(&new_b, 3).unwrap().len();
    sa.local_change();
    sb.local_change();
    let (pending_a, pending_b) = (sa.status().pending_changes, sb.status().pending_changes);

    // Automerge's own sync protocol between copies of the same two documents (fresh sync states,
    // as a reconnecting peer has), counted message by message, in memory.
    let mut doc_a = ana.with(|s| automerge::AutoCommit::load(&s.shared_doc().unwrap().save()).unwrap());
    let mut doc_b = ben.with(|s| automerge::AutoCommit::load(&s.shared_doc().unwrap().save()).unwrap());
    let am = automerge_sync(&mut doc_a, &mut doc_b);

    // Mend: push both, then pull both.
    tap.reset_counters();
    let started = Instant::now();
    let ra = sa.sync_once().await.unwrap();
    let rb = sb.sync_once().await.unwrap();
    let ra2 = sa.sync_once().await.unwrap();
    let elapsed = started.elapsed();
    let (up, down) = tap.bytes();
    let requests = tap.requests();
    assert_eq!(ana.with(|s| s.shared().clone()), ben.with(|s| s.shared().clone()), "converged");
    let got = ben.with(|s| record_values(s));
    assert!(expected.iter().all(|(k, v)| got.get(k) == Some(v)), "nothing lost");

    let floor = (zstd_a + zstd_b) as f64;
    let mend_payload = up + down;
    println!("30-day divergence: {pending_a} changes on Ana's phone, {pending_b} on Ben's");
    println!(
        "raw changes: {} + {} bytes; zstd-compressed: {zstd_a} + {zstd_b} = {} bytes",
        new_a.len(),
        new_b.len(),
        zstd_a + zstd_b
    );
    println!(
        "mend (sealed bundles via relay): {} bytes on the wire ({up} up, {down} down), {requests} HTTP requests \
         (Ana push {} bundle / Ben push {} bundle + pull / Ana pull), converged in {:.1} ms",
        mend_payload,
        ra.pushed_bundles,
        rb.pushed_bundles,
        elapsed.as_secs_f64() * 1000.0
    );
    println!(
        "  wire / zstd floor = {:.2}x (includes HTTP headers of every request)",
        mend_payload as f64 / floor
    );
    println!(
        "automerge sync protocol: {} bytes in {} messages over {} round trips, converged in {:.1} ms (in memory, no network, no encryption)",
        am.bytes, am.messages, am.round_trips, am.millis
    );
    println!("  automerge / zstd floor = {:.2}x", am.bytes as f64 / floor);
    let _ = ra2;
}

struct AmStats {
    bytes: usize,
    messages: usize,
    round_trips: usize,
    millis: f64,
}

fn automerge_sync(a: &mut automerge::AutoCommit, b: &mut automerge::AutoCommit) -> AmStats {
    let (mut sa, mut sb) = (automerge::sync::State::new(), automerge::sync::State::new());
    let started = Instant::now();
    let (mut bytes, mut messages, mut round_trips) = (0, 0, 0);
    loop {
        let mut progressed = false;
        if let Some(m) = a.sync().generate_sync_message(&mut sa) {
            let encoded = m.encode();
            bytes += encoded.len();
            messages += 1;
            progressed = true;
            b.sync()
                .receive_sync_message(&mut sb, automerge::sync::Message::decode(&encoded).unwrap())
                .unwrap();
        }
        if let Some(m) = b.sync().generate_sync_message(&mut sb) {
            let encoded = m.encode();
            bytes += encoded.len();
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
    AmStats { bytes, messages, round_trips, millis: started.elapsed().as_secs_f64() * 1000.0 }
}
