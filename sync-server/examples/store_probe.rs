//! Temporary probe (to be deleted).
use mend_shared::protocol::{BundleId, RelayToken, RoomId};
use mend_sync_server::store::TokenHash;
use mend_sync_server::{AppState, Config};
use std::time::Instant;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let fsync = std::env::var("FSYNC").is_ok();
    let state = AppState::open(Config {
        db_path: dir.path().join("p.sqlite"),
        fsync_every_commit: fsync,
        ..Config::default()
    })
    .unwrap();
    let rooms = 200u32;
    for r in 0..rooms {
        let mut b = [0x5a; 32];
        b[..4].copy_from_slice(&r.to_be_bytes());
        let t = TokenHash::of(&RelayToken::from_bytes([1; 32]));
        state.store().create_room(RoomId::from_bytes(b), t).await.unwrap();
    }
    let conc: u32 = std::env::var("CONC").ok().and_then(|v| v.parse().ok()).unwrap_or(64);
    let per = 40_000 / conc;
    let started = Instant::now();
    let tasks: Vec<_> = (0..conc)
        .map(|w| {
            let state = state.clone();
            tokio::spawn(async move {
                let t = TokenHash::of(&RelayToken::from_bytes([1; 32]));
                for i in 0..per {
                    let r = (w * 7919 + i * 31) % rooms;
                    let mut b = [0x5a; 32];
                    b[..4].copy_from_slice(&r.to_be_bytes());
                    let mut bytes = vec![7u8; 1024];
                    bytes[..4].copy_from_slice(&w.to_be_bytes());
                    bytes[4..8].copy_from_slice(&i.to_be_bytes());
                    state
                        .store()
                        .append(RoomId::from_bytes(b), t, BundleId::for_content(&bytes), bytes.into())
                        .await
                        .unwrap();
                }
            })
        })
        .collect();
    for t in tasks {
        t.await.unwrap();
    }
    let el = started.elapsed().as_secs_f64();
    let c = rusqlite::Connection::open(dir.path().join("p.sqlite")).unwrap();
    let (log, ck): (i64, i64) =
        c.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| Ok((r.get(1)?, r.get(2)?))).unwrap();
    println!("wal frames {log} ({:.2} per append), checkpointed {ck}", log as f64 / 40000.0);
    state.store().close().await.unwrap();
    let s = state.store().stats();
    let b = s.write_batches.load(std::sync::atomic::Ordering::Relaxed);
    let j = s.write_jobs.load(std::sync::atomic::Ordering::Relaxed);
    println!(
        "{} appends in {:.2}s = {:.0}/s; {} batches avg {:.1}",
        per * conc,
        el,
        (per * conc) as f64 / el,
        b,
        j as f64 / b as f64
    );
}
