//! SQLite only: a deleted room's bytes leave the database's files — zeroed in the database file
//! (`secure_delete`), and the write-ahead log emptied soon after — while the relay keeps running.
//! (PostgreSQL has no such setting; what holds there is in the README.)

use crate::relay::util::{Api, Db, RelayProcess, room, token};
use rand::RngCore;
use std::path::Path;
use std::time::{Duration, Instant};

/// Whether any file in `dir` holds any 32-byte stretch of `marker`.
fn files_hold(dir: &Path, marker: &[u8]) -> bool {
    let files: Vec<Vec<u8>> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| std::fs::read(entry.unwrap().path()).unwrap_or_default())
        .collect();
    marker.chunks(32).any(|piece| files.iter().any(|file| file.windows(piece.len()).any(|w| w == piece)))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deleted_rooms_bytes_leave_the_database_files() {
    let db = Db::fresh();
    let path = db.sqlite_path().unwrap();
    let dir = path.parent().unwrap();
    let relay = RelayProcess::start(&db, &[]);
    let api = Api::new(&relay);
    let mut marker = vec![0u8; 8 << 10];
    rand::thread_rng().fill_bytes(&mut marker);
    let mut kept = vec![0u8; 4 << 10];
    rand::thread_rng().fill_bytes(&mut kept);
    api.create(&room(1), &token(1)).await;
    api.create(&room(2), &token(2)).await;
    api.append(&room(1), &token(1), marker.clone()).await.unwrap();
    api.append(&room(2), &token(2), kept.clone()).await.unwrap();
    assert!(files_hold(dir, &marker), "the bundle is on disk");

    let deleted = api
        .http
        .delete(format!("{}/v1/rooms/{}", api.url, room(1)))
        .header("authorization", token(1).authorization());
    assert_eq!(deleted.send().await.unwrap().status(), reqwest::StatusCode::NO_CONTENT);
    let started = Instant::now();
    while files_hold(dir, &marker) {
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "the deleted room's bytes are still in the files"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // The other room is untouched, on disk and through the relay.
    assert!(files_hold(dir, &kept));
    assert_eq!(api.list_all(&room(2), &token(2)).await.bundles[0].bytes, kept);
}
