//! Durable storage of rooms, sealed bundles and snapshots in SQLite: one writer thread with group
//! commit, and a small pool of read connections (WAL lets them read while the writer commits).

mod checkpoint;
mod reader;
mod room;
mod schema;
mod tokens;
mod writer;

use crate::hub::Hub;
use axum::body::Bytes;
use mend_shared::protocol::{BundleId, BundlePage, RelayToken, RoomId};
use reader::ReadPool;
use sha2::{Digest, Sha256};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use tokens::VerifiedTokens;
use tokio::sync::{mpsc, oneshot};
use writer::Job;

pub use room::TokenHash;

/// Jobs waiting for the writer; a full queue makes appenders wait (backpressure) instead of growing memory.
const WRITE_QUEUE: usize = 4096;

/// Read connections kept open.
const READERS: usize = 4;

/// Why a store operation did not happen. The first group are answers for the client; the rest are failures.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Unknown room or wrong token: deliberately one case, so the relay is no existence oracle.
    #[error("unknown room or wrong token")]
    Unauthorized,
    /// The upload would take the room past its quota.
    #[error("the room's {quota}-byte quota would be exceeded")]
    QuotaExceeded {
        /// The quota in bytes.
        quota: u64,
    },
    /// A snapshot that covers no more than the current one.
    #[error("snapshot seq {seq} is not after the current snapshot seq {current}")]
    StaleSnapshot {
        /// The offered seq.
        seq: u64,
        /// The stored snapshot's seq.
        current: u64,
    },
    /// A snapshot seq of 0 or past the room's latest bundle.
    #[error("snapshot seq {seq} is not between 1 and the room's latest seq {latest}")]
    BadSnapshotSeq {
        /// The offered seq.
        seq: u64,
        /// The room's latest seq.
        latest: u64,
    },
    /// The cursor points into bundles a snapshot replaced.
    #[error("cursor {after} is behind the room's snapshot at seq {snapshot_seq}")]
    SnapshotRequired {
        /// The cursor asked for.
        after: u64,
        /// The room's snapshot seq.
        snapshot_seq: u64,
    },
    /// The cursor is past the end of the room (it was deleted and created again).
    #[error("cursor {after} is past the room's latest seq {latest}")]
    CursorAhead {
        /// The cursor asked for.
        after: u64,
        /// The room's latest seq.
        latest: u64,
    },
    /// The room has no snapshot.
    #[error("the room has no snapshot")]
    NoSnapshot,
    /// The relay's room count or total storage cap would be exceeded.
    #[error("the relay's room or storage cap would be exceeded")]
    RelayFull,
    /// SQLite failed.
    #[error("database error")]
    Sqlite(#[from] rusqlite::Error),
    /// Another job in the same batch failed, so the whole transaction was rolled back.
    #[error("the write batch was rolled back")]
    BatchFailed,
    /// The writer has shut down.
    #[error("the store is closed")]
    Closed,
    /// A blocking database task panicked or was cancelled.
    #[error("a database task failed")]
    Task(#[from] tokio::task::JoinError),
    /// The database folder could not be created.
    #[error("cannot create the database folder")]
    Io(#[from] std::io::Error),
}

/// A room's outcome of `PUT /v1/rooms/{room}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoomCreated {
    /// The room did not exist and now does.
    New,
    /// The room already existed with this token.
    AlreadyExisted,
}

/// Where an uploaded bundle landed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Appended {
    /// Its sequence number (the original one for a duplicate).
    pub seq: u64,
    /// Whether the id was already stored and nothing new was written.
    pub duplicate: bool,
}

/// A room's sealed snapshot.
#[derive(Clone)]
pub struct Snapshot {
    /// The seq it covers.
    pub seq: u64,
    /// The sealed bytes.
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for Snapshot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Snapshot").field("seq", &self.seq).field("len", &self.bytes.len()).finish()
    }
}

/// Counters and gauges the writer keeps for `/metrics`.
#[derive(Debug, Default)]
pub struct StoreStats {
    /// Rooms that exist.
    pub rooms: AtomicU64,
    /// Bytes held in bundles and snapshots.
    pub stored_bytes: AtomicU64,
    /// Bundles stored since start.
    pub bundles_stored: AtomicU64,
    /// Payload bytes of those bundles.
    pub bundle_bytes_stored: AtomicU64,
    /// Uploads answered as duplicates.
    pub duplicate_bundles: AtomicU64,
    /// Snapshots stored since start.
    pub snapshots_stored: AtomicU64,
    /// Transactions committed by the writer.
    pub write_batches: AtomicU64,
    /// Jobs in those transactions.
    pub write_jobs: AtomicU64,
}

impl StoreStats {
    fn add(counter: &AtomicU64, n: u64) {
        counter.fetch_add(n, Ordering::Relaxed);
    }
}

/// A room's position, as seen by a token check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoomState {
    /// The newest bundle's seq.
    pub latest_seq: u64,
    /// The seq the room's snapshot covers (0 without one).
    pub snapshot_seq: u64,
}

/// Tuning for [`Store::open`].
#[derive(Debug, Clone, Copy)]
pub struct StoreOptions {
    /// Most bytes one room may hold.
    pub room_quota_bytes: u64,
    /// Most rooms (0 = no cap).
    pub max_rooms: u64,
    /// Most bytes in all rooms together (0 = no cap).
    pub max_stored_bytes: u64,
    /// fsync on every commit (`synchronous=FULL`) rather than only at checkpoints.
    pub fsync_every_commit: bool,
}

/// The relay's database.
#[derive(Debug)]
pub struct Store {
    jobs: mpsc::Sender<Job>,
    readers: Arc<ReadPool>,
    tokens: Arc<VerifiedTokens>,
    stats: Arc<StoreStats>,
    writer: Mutex<Option<std::thread::JoinHandle<()>>>,
    checkpointer: Mutex<Option<checkpoint::Checkpointer>>,
}

impl Store {
    /// Open (or create) the database at `path` and start its writer thread.
    pub fn open(path: &Path, options: StoreOptions, hub: Arc<Hub>) -> Result<Store, StoreError> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)?;
        }
        let conn = schema::open_writer(path, options.fsync_every_commit)?;
        let stats = Arc::new(StoreStats::default());
        let (rooms, bytes) = room::totals(&conn)?;
        stats.rooms.store(rooms, Ordering::Relaxed);
        stats.stored_bytes.store(bytes, Ordering::Relaxed);
        let readers = Arc::new(ReadPool::open(path, READERS)?);
        let (jobs, rx) = mpsc::channel(WRITE_QUEUE);
        let pacing = Arc::new(checkpoint::LogPacing::default());
        let tokens = Arc::new(VerifiedTokens::default());
        let writer = writer::spawn(
            conn,
            rx,
            options,
            Arc::clone(&stats),
            hub,
            Arc::clone(&pacing),
            Arc::clone(&tokens),
        )?;
        let checkpointer = checkpoint::Checkpointer::spawn(path, Arc::clone(&stats), pacing)?;
        Ok(Store {
            jobs,
            readers,
            tokens,
            stats,
            writer: Mutex::new(Some(writer)),
            checkpointer: Mutex::new(Some(checkpointer)),
        })
    }

    /// The writer's counters.
    pub fn stats(&self) -> &StoreStats {
        &self.stats
    }

    /// Whether the writer thread is running: false once it stopped, by [`Store::close`] or by failing.
    pub fn writer_running(&self) -> bool {
        self.writer.lock().unwrap_or_else(PoisonError::into_inner).as_ref().is_some_and(|h| !h.is_finished())
    }

    /// Check `token` against the room on a read connection, without queueing behind writes: what an
    /// upload does before it reads its body.
    pub async fn check_token(&self, room: RoomId, token: TokenHash) -> Result<RoomState, StoreError> {
        self.readers
            .run(move |conn| {
                let row = room::authorize(conn, &room, &token)?;
                Ok(RoomState { latest_seq: row.latest_seq, snapshot_seq: row.snapshot_seq })
            })
            .await
    }

    /// Check `token` against the room before an append reads its body: from memory when this token
    /// was seen to match before, otherwise like [`Store::check_token`]. (The writer checks it again
    /// against the committed room, so a room deleted meanwhile still refuses the append.)
    pub async fn check_upload_token(&self, room: RoomId, token: TokenHash) -> Result<(), StoreError> {
        if self.tokens.matches(&room, &token) {
            return Ok(());
        }
        let deletions = self.tokens.deletions();
        self.readers.run(move |conn| room::authorize(conn, &room, &token).map(drop)).await?;
        self.tokens.remember_read(room, token, deletions);
        Ok(())
    }

    /// Create a room owned by `token`, or confirm it exists with that token.
    pub async fn create_room(&self, room: RoomId, token: TokenHash) -> Result<RoomCreated, StoreError> {
        self.write(|reply| Job::CreateRoom { room, token, reply }).await
    }

    /// Delete a room with its bundles and snapshot.
    pub async fn delete_room(&self, room: RoomId, token: TokenHash) -> Result<(), StoreError> {
        self.write(|reply| Job::DeleteRoom { room, token, reply }).await
    }

    /// Store a sealed bundle under its id; returns only after the bundle is committed.
    pub async fn append(
        &self,
        room: RoomId,
        token: TokenHash,
        id: BundleId,
        bytes: Bytes,
    ) -> Result<Appended, StoreError> {
        self.write(|reply| Job::Append { room, token, id, bytes, reply }).await
    }

    /// Store a snapshot covering seq ≤ `seq` and drop the bundles it covers, in one transaction.
    pub async fn put_snapshot(
        &self,
        room: RoomId,
        token: TokenHash,
        seq: u64,
        bytes: Bytes,
    ) -> Result<u64, StoreError> {
        self.write(|reply| Job::PutSnapshot { room, token, seq, bytes, reply }).await
    }

    /// Bundles after `after`, at most `limit` of them and about `max_bytes` of payload (at least one).
    pub async fn list(
        &self,
        room: RoomId,
        token: TokenHash,
        after: u64,
        limit: u32,
        max_bytes: usize,
    ) -> Result<BundlePage, StoreError> {
        self.readers.run(move |conn| reader::list(conn, &room, &token, after, limit, max_bytes)).await
    }

    /// The room's snapshot.
    pub async fn snapshot(&self, room: RoomId, token: TokenHash) -> Result<Snapshot, StoreError> {
        self.readers.run(move |conn| reader::snapshot(conn, &room, &token)).await
    }

    /// Finish queued writes, checkpoint the log and stop the writer. Later writes fail with `Closed`.
    pub async fn close(&self) -> Result<(), StoreError> {
        let checkpointer = self.checkpointer.lock().unwrap_or_else(PoisonError::into_inner).take();
        // Joining the thread waits out at most one checkpoint pass.
        tokio::task::spawn_blocking(move || drop(checkpointer)).await?;
        let (reply, done) = oneshot::channel();
        if self.jobs.send(Job::Close { reply }).await.is_ok() {
            let _ = done.await;
        }
        let handle = self.writer.lock().unwrap_or_else(PoisonError::into_inner).take();
        if let Some(handle) = handle {
            tokio::task::spawn_blocking(move || handle.join()).await?.map_err(|_| StoreError::Closed)?;
        }
        Ok(())
    }

    async fn write<T>(
        &self,
        job: impl FnOnce(oneshot::Sender<Result<T, StoreError>>) -> Job,
    ) -> Result<T, StoreError> {
        let (reply, answer) = oneshot::channel();
        self.jobs.send(job(reply)).await.map_err(|_| StoreError::Closed)?;
        answer.await.map_err(|_| StoreError::Closed)?
    }
}

impl TokenHash {
    /// The SHA-256 of a bearer token: the only form of it the relay handles past the request edge.
    pub fn of(token: &RelayToken) -> TokenHash {
        TokenHash::from_bytes(Sha256::digest(token.as_bytes()).into())
    }
}
