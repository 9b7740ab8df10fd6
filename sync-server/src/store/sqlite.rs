//! The SQLite backend, for one relay process: one file in WAL mode, one writer thread with group
//! commit, a small pool of read connections (WAL lets them read while the writer commits), and
//! the pairing mailbox in memory.

mod checkpoint;
mod reader;
pub(super) mod room;
mod schema;
mod writer;

use super::tokens::VerifiedTokens;
use super::{
    Appended, Gauges, RoomCreated, RoomState, Snapshot, Storage, StoreError, StoreOptions, StoreStats, Swept,
    TokenHash, unix_millis,
};
use crate::hub::Hub;
use crate::pairing::SlotRead;
use crate::pairing::memory::Mailboxes;
use axum::body::Bytes;
use mend_shared::protocol::{BundleId, BundlePage, Nameplate, PairingSlot, RoomId};
use reader::ReadPool;
use room::Activity;
use std::net::IpAddr;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use tokio::sync::{mpsc, oneshot};
use tokio::time::Instant;
use writer::Job;

/// Jobs waiting for the writer; a full queue makes appenders wait (backpressure) instead of growing memory.
const WRITE_QUEUE: usize = 4096;

/// Read connections kept open.
const READERS: usize = 4;

/// Rooms deleted per expiry job, so one job never holds the writer long.
const EXPIRE_BATCH: usize = 256;

/// What the database holds, kept by the writer (the only thread that changes it) for the caps.
#[derive(Debug, Default)]
pub(super) struct Totals {
    /// Rooms that exist.
    rooms: AtomicU64,
    /// Bytes held in bundles and snapshots.
    stored_bytes: AtomicU64,
}

/// The relay's SQLite database.
#[derive(Debug)]
pub struct SqliteStore {
    jobs: mpsc::Sender<Job>,
    readers: Arc<ReadPool>,
    tokens: Arc<VerifiedTokens>,
    stats: Arc<StoreStats>,
    totals: Arc<Totals>,
    mailboxes: Mailboxes,
    touch_every: Duration,
    room_idle_expiry: Option<Duration>,
    writer: Mutex<Option<std::thread::JoinHandle<()>>>,
    checkpointer: Mutex<Option<checkpoint::Checkpointer>>,
}

impl SqliteStore {
    /// Open (or create) the database at `path` and start its writer thread.
    pub fn open(path: &Path, options: StoreOptions, hub: Arc<Hub>) -> Result<SqliteStore, StoreError> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)?;
        }
        let conn = schema::open_writer(path, options.fsync_every_commit)?;
        let totals = Arc::new(Totals::default());
        let (rooms, bytes) = room::totals(&conn)?;
        totals.rooms.store(rooms, Ordering::Relaxed);
        totals.stored_bytes.store(bytes, Ordering::Relaxed);
        let stats = Arc::new(StoreStats::default());
        let readers = Arc::new(ReadPool::open(path, READERS)?);
        let (jobs, rx) = mpsc::channel(WRITE_QUEUE);
        let pacing = Arc::new(checkpoint::LogPacing::default());
        let tokens = Arc::new(VerifiedTokens::default());
        let writer = writer::spawn(
            conn,
            rx,
            writer::Shared {
                options,
                stats: Arc::clone(&stats),
                totals: Arc::clone(&totals),
                hub: Arc::clone(&hub),
                pacing: Arc::clone(&pacing),
                tokens: Arc::clone(&tokens),
            },
        )?;
        let checkpointer = checkpoint::Checkpointer::spawn(path, Arc::clone(&stats), pacing)?;
        Ok(SqliteStore {
            jobs,
            readers,
            tokens,
            stats,
            totals,
            mailboxes: Mailboxes::new(options.nameplate_ttl, options.max_nameplates_per_client, hub),
            touch_every: options.touch_every(),
            room_idle_expiry: options.room_idle_expiry,
            writer: Mutex::new(Some(writer)),
            checkpointer: Mutex::new(Some(checkpointer)),
        })
    }

    async fn write<T>(
        &self,
        job: impl FnOnce(oneshot::Sender<Result<T, StoreError>>) -> Job,
    ) -> Result<T, StoreError> {
        let (reply, answer) = oneshot::channel();
        self.jobs.send(job(reply)).await.map_err(|_| StoreError::Closed)?;
        answer.await.map_err(|_| StoreError::Closed)?
    }

    /// Note that a room read was a use, once its last use is older than
    /// [`StoreOptions::touch_every`]; a full queue skips it, and a later read tries again.
    fn touch(&self, room: Activity) {
        if unix_millis() - room.active_at >= self.touch_every.as_millis() as i64 {
            let _ = self.jobs.try_send(Job::Touch { key: room.key });
        }
    }
}

#[async_trait::async_trait]
impl Storage for SqliteStore {
    fn backend(&self) -> &'static str {
        "sqlite"
    }

    async fn check_token(&self, room: RoomId, token: TokenHash) -> Result<RoomState, StoreError> {
        let row = self.readers.run(move |conn| room::authorize(conn, &room, &token)).await?;
        self.touch(Activity::of(&row));
        Ok(RoomState { latest_seq: row.latest_seq, snapshot_seq: row.snapshot_seq })
    }

    async fn check_upload_token(&self, room: RoomId, token: TokenHash) -> Result<(), StoreError> {
        if self.tokens.matches(&room, &token) {
            return Ok(());
        }
        let deletions = self.tokens.deletions();
        self.readers.run(move |conn| room::authorize(conn, &room, &token).map(drop)).await?;
        self.tokens.remember_read(room, token, deletions);
        Ok(())
    }

    async fn create_room(&self, room: RoomId, token: TokenHash) -> Result<RoomCreated, StoreError> {
        self.write(|reply| Job::CreateRoom { room, token, reply }).await
    }

    async fn delete_room(&self, room: RoomId, token: TokenHash) -> Result<(), StoreError> {
        self.write(|reply| Job::DeleteRoom { room, token, reply }).await
    }

    async fn append(
        &self,
        room: RoomId,
        token: TokenHash,
        id: BundleId,
        bytes: Bytes,
    ) -> Result<Appended, StoreError> {
        self.write(|reply| Job::Append { room, token, id, bytes, reply }).await
    }

    async fn put_snapshot(
        &self,
        room: RoomId,
        token: TokenHash,
        seq: u64,
        bytes: Bytes,
    ) -> Result<u64, StoreError> {
        self.write(|reply| Job::PutSnapshot { room, token, seq, bytes, reply }).await
    }

    async fn list(
        &self,
        room: RoomId,
        token: TokenHash,
        after: u64,
        limit: u32,
        max_bytes: usize,
    ) -> Result<BundlePage, StoreError> {
        let (page, used) =
            self.readers.run(move |conn| reader::list(conn, &room, &token, after, limit, max_bytes)).await?;
        self.touch(used);
        Ok(page)
    }

    async fn snapshot(&self, room: RoomId, token: TokenHash) -> Result<Snapshot, StoreError> {
        let (snapshot, used) = self.readers.run(move |conn| reader::snapshot(conn, &room, &token)).await?;
        self.touch(used);
        snapshot.ok_or(StoreError::NoSnapshot)
    }

    async fn allocate_nameplate(&self, client: IpAddr) -> Result<Nameplate, StoreError> {
        Ok(self.mailboxes.allocate(client, Instant::now())?)
    }

    async fn check_slot_writable(&self, nameplate: Nameplate, slot: PairingSlot) -> Result<(), StoreError> {
        Ok(self.mailboxes.check_writable(nameplate, slot, Instant::now())?)
    }

    async fn write_slot(
        &self,
        nameplate: Nameplate,
        slot: PairingSlot,
        message: Bytes,
    ) -> Result<(), StoreError> {
        Ok(self.mailboxes.write(nameplate, slot, message, Instant::now())?)
    }

    async fn read_slot(&self, nameplate: Nameplate, slot: PairingSlot) -> Result<SlotRead, StoreError> {
        Ok(self.mailboxes.read(nameplate, slot, Instant::now())?)
    }

    async fn close_nameplate(&self, nameplate: Nameplate) -> Result<(), StoreError> {
        Ok(self.mailboxes.close(nameplate, Instant::now())?)
    }

    async fn sweep(&self) -> Result<Swept, StoreError> {
        self.mailboxes.sweep(Instant::now());
        let mut swept = Swept::default();
        if let Some(expiry) = self.room_idle_expiry {
            let before = unix_millis() - expiry.as_millis() as i64;
            loop {
                let expired =
                    self.write(|reply| Job::ExpireRooms { before, limit: EXPIRE_BATCH, reply }).await?;
                swept.rooms_expired += expired as u64;
                StoreStats::add(&self.stats.rooms_expired, expired as u64);
                if expired < EXPIRE_BATCH {
                    break;
                }
            }
        }
        Ok(swept)
    }

    async fn gauges(&self) -> Result<Gauges, StoreError> {
        Ok(Gauges {
            rooms: self.totals.rooms.load(Ordering::Relaxed),
            stored_bytes: self.totals.stored_bytes.load(Ordering::Relaxed),
            nameplates_open: self.mailboxes.open_count() as u64,
        })
    }

    async fn healthy(&self) -> bool {
        self.writer.lock().unwrap_or_else(PoisonError::into_inner).as_ref().is_some_and(|h| !h.is_finished())
    }

    fn stats(&self) -> &StoreStats {
        &self.stats
    }

    async fn close(&self) -> Result<(), StoreError> {
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
}
