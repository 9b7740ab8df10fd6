//! The single writer: takes whatever jobs are queued, applies them in one SQLite transaction (one
//! fsync for the lot), and answers each job only after that transaction committed.
//!
//! One writer makes per-room sequence numbers trivially gap-free; batching gives the throughput back.

use super::Totals;
use super::checkpoint::LogPacing;
use super::room::{RoomRow, authorize};
use crate::hub::{Hub, Topic};
use crate::store::tokens::VerifiedTokens;
use crate::store::{Appended, RoomCreated, StoreError, StoreOptions, StoreStats, TokenHash, unix_millis};
use axum::body::Bytes;
use mend_shared::protocol::{BundleId, RoomId};
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use tokio::sync::{mpsc, oneshot};

/// Most jobs in one transaction.
const MAX_BATCH_JOBS: usize = 1024;

/// Stop filling a batch past this many payload bytes, so one commit stays short.
const MAX_BATCH_BYTES: usize = 32 << 20;

/// Jobs after which the writer lets the log start over (see `Writer::restart_log_if_long`);
/// with 1 KiB bundles about 120 MiB of log, reused in place.
const RESTART_AFTER_JOBS: u64 = 12_000;

/// The writer finishes the copy itself only when the background fold left at most this many jobs,
/// which keeps its pause to a few milliseconds…
const RESTART_LEFT_JOBS: u64 = 300;

/// …unless the log has grown this far, when it pays for a longer pause.
const RESTART_FORCED_JOBS: u64 = 4 * RESTART_AFTER_JOBS;

type Reply<T> = oneshot::Sender<Result<T, StoreError>>;

/// A request to the writer.
pub(super) enum Job {
    CreateRoom {
        room: RoomId,
        token: TokenHash,
        reply: Reply<RoomCreated>,
    },
    DeleteRoom {
        room: RoomId,
        token: TokenHash,
        reply: Reply<()>,
    },
    Append {
        room: RoomId,
        token: TokenHash,
        id: BundleId,
        bytes: Bytes,
        reply: Reply<Appended>,
    },
    PutSnapshot {
        room: RoomId,
        token: TokenHash,
        seq: u64,
        bytes: Bytes,
        reply: Reply<u64>,
    },
    /// A read used the room: note the time (nobody waits for the answer).
    Touch {
        key: i64,
    },
    /// Delete up to `limit` rooms last used before `before` (ms since the epoch); how many went.
    ExpireRooms {
        before: i64,
        limit: usize,
        reply: Reply<usize>,
    },
    Close {
        reply: oneshot::Sender<()>,
    },
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Job::CreateRoom { .. } => "Job::CreateRoom",
            Job::DeleteRoom { .. } => "Job::DeleteRoom",
            Job::Append { .. } => "Job::Append",
            Job::PutSnapshot { .. } => "Job::PutSnapshot",
            Job::Touch { .. } => "Job::Touch",
            Job::ExpireRooms { .. } => "Job::ExpireRooms",
            Job::Close { .. } => "Job::Close",
        })
    }
}

impl Job {
    fn payload_len(&self) -> usize {
        match self {
            Job::Append { bytes, .. } | Job::PutSnapshot { bytes, .. } => bytes.len(),
            _ => 0,
        }
    }
}

/// What the writer shares with the rest of the store.
pub(super) struct Shared {
    pub(super) options: StoreOptions,
    pub(super) stats: Arc<StoreStats>,
    pub(super) totals: Arc<Totals>,
    pub(super) hub: Arc<Hub>,
    pub(super) pacing: Arc<LogPacing>,
    pub(super) tokens: Arc<VerifiedTokens>,
}

/// Start the writer thread.
pub(super) fn spawn(
    conn: Connection,
    jobs: mpsc::Receiver<Job>,
    shared: Shared,
) -> Result<std::thread::JoinHandle<()>, StoreError> {
    let writer = Writer { conn, shared, log_restarted_at: 0 };
    Ok(std::thread::Builder::new().name("mend-relay-writer".into()).spawn(move || writer.run(jobs))?)
}

struct Writer {
    conn: Connection,
    shared: Shared,
    /// `stats.write_jobs` when the log last started over.
    log_restarted_at: u64,
}

/// What a committed batch changes outside the database.
#[derive(Default)]
struct Effects {
    /// Rooms whose waiters must look again.
    touched: Vec<RoomId>,
    /// Rooms created or confirmed with their token, for the memory of verified tokens.
    verified: Vec<(RoomId, TokenHash)>,
    /// Rooms deleted, to be forgotten there.
    deleted: Vec<RoomId>,
    rooms_delta: i64,
    bytes_delta: i64,
    bundles: u64,
    bundle_bytes: u64,
    duplicates: u64,
    snapshots: u64,
}

/// A job's answer, held until its batch's fate is known.
type Settle = Box<dyn FnOnce(bool) + Send>;

fn settle<T: Send + 'static>(reply: Reply<T>, result: Result<T, StoreError>) -> Settle {
    Box::new(move |committed| {
        // A refusal never wrote anything, so it stands either way; a success stands only if committed.
        let answer = match result {
            Ok(_) if !committed => Err(StoreError::BatchFailed),
            other => other,
        };
        let _ = reply.send(answer);
    })
}

impl Writer {
    fn run(mut self, mut jobs: mpsc::Receiver<Job>) {
        let mut closing = None;
        while closing.is_none() {
            let Some(first) = jobs.blocking_recv() else { break };
            let mut bytes = first.payload_len();
            let mut batch = vec![first];
            while batch.len() < MAX_BATCH_JOBS && bytes < MAX_BATCH_BYTES {
                match jobs.try_recv() {
                    Ok(job) => {
                        bytes += job.payload_len();
                        batch.push(job);
                    }
                    Err(_) => break,
                }
            }
            closing = self.run_batch(batch);
            self.restart_log_if_long();
        }
        // Fold the log into the main file so a restart starts clean; a failure here loses nothing.
        if let Err(error) = self.conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)") {
            tracing::warn!(%error, "final checkpoint failed");
        }
        if let Some(reply) = closing {
            let _ = reply.send(());
        }
    }

    /// Under steady load the background fold never catches up with the log's end, and the log only
    /// starts over once a checkpoint has copied all of it. Between two batches the end holds still:
    /// every `RESTART_AFTER_JOBS` the writer asks for a fresh fold, then copies the little that is
    /// left itself, and its next transaction reuses the log from the start.
    fn restart_log_if_long(&mut self) {
        let written = self.shared.stats.write_jobs.load(Ordering::Relaxed);
        let since = written - self.log_restarted_at;
        if since < RESTART_AFTER_JOBS {
            return;
        }
        self.shared.pacing.restart_wanted.store(true, Ordering::Relaxed);
        let left = written.saturating_sub(self.shared.pacing.folded_through.load(Ordering::Relaxed));
        if left > RESTART_LEFT_JOBS && since < RESTART_FORCED_JOBS {
            return;
        }
        // Columns: blocked by another checkpoint, frames in the log, frames copied (-1 when blocked).
        let done = self.conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| {
            Ok(r.get::<_, i64>(0)? == 0 && r.get::<_, i64>(1)? == r.get::<_, i64>(2)?)
        });
        match done {
            Ok(true) => {
                self.log_restarted_at = written;
                self.shared.pacing.restart_wanted.store(false, Ordering::Relaxed);
            }
            // The fold thread is mid-pass, or a reader still uses the log's tail: try after the next batch.
            Ok(false) => {}
            Err(error) => {
                tracing::warn!(%error, "checkpoint before restarting the log failed");
                self.log_restarted_at = written;
            }
        }
    }

    /// Apply and commit one batch; returns the close request if the batch held one.
    fn run_batch(&mut self, batch: Vec<Job>) -> Option<oneshot::Sender<()>> {
        let jobs = batch.len();
        let mut closing = None;
        let mut effects = Effects::default();
        let mut settles: Vec<Settle> = Vec::with_capacity(jobs);
        let committed = match self.conn.transaction_with_behavior(TransactionBehavior::Immediate) {
            Err(error) => {
                tracing::error!(%error, jobs, "cannot start a write transaction");
                settles.extend(batch.into_iter().map(|job| refuse(job, &mut closing)));
                false
            }
            Ok(tx) => {
                let mut healthy = true;
                for job in batch {
                    if healthy {
                        let limits = Limits { options: &self.shared.options, totals: &self.shared.totals };
                        let (settle, ok) = apply(&tx, &limits, job, &mut effects, &mut closing);
                        healthy = ok;
                        settles.push(settle);
                    } else {
                        // The transaction will be rolled back; answer the rest without touching it.
                        settles.push(refuse(job, &mut closing));
                    }
                }
                if healthy {
                    tx.commit()
                        .map_err(|error| tracing::error!(%error, jobs, "write batch could not commit"))
                        .is_ok()
                } else {
                    // Dropping the transaction rolls it back.
                    false
                }
            }
        };
        if committed {
            self.publish(effects, jobs);
        }
        for settle in settles {
            settle(committed);
        }
        closing
    }

    fn publish(&self, effects: Effects, jobs: usize) {
        let Shared { stats, totals, hub, pacing, tokens, .. } = &self.shared;
        StoreStats::add(&stats.write_batches, 1);
        StoreStats::add(&stats.write_jobs, jobs as u64);
        StoreStats::add(&stats.bundles_stored, effects.bundles);
        StoreStats::add(&stats.bundle_bytes_stored, effects.bundle_bytes);
        StoreStats::add(&stats.duplicate_bundles, effects.duplicates);
        StoreStats::add(&stats.snapshots_stored, effects.snapshots);
        // Only this thread writes the gauges, so read-modify-write is race-free.
        let shift = |gauge: &std::sync::atomic::AtomicU64, delta: i64| {
            let now = gauge.load(Ordering::Relaxed).saturating_add_signed(delta);
            gauge.store(now, Ordering::Relaxed);
        };
        shift(&totals.rooms, effects.rooms_delta);
        shift(&totals.stored_bytes, effects.bytes_delta);
        // Before the jobs are answered: once a deletion is acknowledged, no upload check passes from memory.
        tokens.committed(&effects.verified, &effects.deleted);
        if !effects.deleted.is_empty() {
            // Their bytes are zeroed in the file now; the log still holds copies until it is emptied.
            pacing.scrub_wanted.store(true, Ordering::Relaxed);
        }
        for room in effects.touched {
            hub.notify(&Topic::Room(room));
        }
    }
}

/// Answer a job that never ran because an earlier job broke the batch.
fn refuse(job: Job, closing: &mut Option<oneshot::Sender<()>>) -> Settle {
    match job {
        Job::CreateRoom { reply, .. } => settle(reply, Err(StoreError::BatchFailed)),
        Job::DeleteRoom { reply, .. } => settle(reply, Err(StoreError::BatchFailed)),
        Job::Append { reply, .. } => settle(reply, Err(StoreError::BatchFailed)),
        Job::PutSnapshot { reply, .. } => settle(reply, Err(StoreError::BatchFailed)),
        Job::ExpireRooms { reply, .. } => settle(reply, Err(StoreError::BatchFailed)),
        Job::Touch { .. } => Box::new(|_| {}),
        Job::Close { reply } => {
            *closing = Some(reply);
            Box::new(|_| {})
        }
    }
}

/// The caps a job is checked against, with the committed totals they apply to.
struct Limits<'a> {
    options: &'a StoreOptions,
    totals: &'a Totals,
}

impl Limits<'_> {
    /// Refuse a new room past the relay's room cap (counting rooms created earlier in this batch).
    fn check_new_room(&self, effects: &Effects) -> Result<(), StoreError> {
        let cap = self.options.max_rooms;
        let rooms = self.totals.rooms.load(Ordering::Relaxed).saturating_add_signed(effects.rooms_delta);
        if cap > 0 && rooms >= cap {
            tracing::warn!(cap, "room cap reached; refusing a new room (raise --max-rooms)");
            return Err(StoreError::RelayFull);
        }
        Ok(())
    }

    /// Refuse `growth` more bytes past the relay's storage cap (counting this batch's writes).
    fn check_growth(&self, growth: u64, effects: &Effects) -> Result<(), StoreError> {
        let cap = self.options.max_stored_bytes;
        let stored =
            self.totals.stored_bytes.load(Ordering::Relaxed).saturating_add_signed(effects.bytes_delta);
        if cap > 0 && growth > 0 && stored.saturating_add(growth) > cap {
            tracing::warn!(cap, "storage cap reached; refusing an upload (raise --max-stored-bytes)");
            return Err(StoreError::RelayFull);
        }
        Ok(())
    }
}

/// Run one job inside the batch's transaction. The flag is false when the database failed and
/// the whole transaction must be rolled back (a refusal such as a wrong token leaves it usable).
fn apply(
    tx: &Transaction<'_>,
    limits: &Limits<'_>,
    job: Job,
    effects: &mut Effects,
    closing: &mut Option<oneshot::Sender<()>>,
) -> (Settle, bool) {
    fn finish<T: Send + 'static>(reply: Reply<T>, result: Result<T, StoreError>) -> (Settle, bool) {
        // Refusals are decided before anything is written; a database failure may leave a half-done job.
        let healthy = match &result {
            Err(error @ StoreError::Sqlite(_)) => {
                tracing::error!(%error, "write job failed; rolling back its batch");
                false
            }
            _ => true,
        };
        (settle(reply, result), healthy)
    }
    match job {
        Job::CreateRoom { room, token, reply } => {
            finish(reply, create_room(tx, limits, &room, &token, effects))
        }
        Job::DeleteRoom { room, token, reply } => finish(reply, delete_room(tx, &room, &token, effects)),
        Job::Append { room, token, id, bytes, reply } => {
            finish(reply, append(tx, limits, &room, &token, &id, &bytes, effects))
        }
        Job::PutSnapshot { room, token, seq, bytes, reply } => {
            finish(reply, put_snapshot(tx, limits, &room, &token, seq, &bytes, effects))
        }
        Job::Touch { key } => {
            let (reply, _) = oneshot::channel();
            finish(reply, touch(tx, key))
        }
        Job::ExpireRooms { before, limit, reply } => finish(reply, expire_rooms(tx, before, limit, effects)),
        Job::Close { reply } => {
            *closing = Some(reply);
            (Box::new(|_| {}), true)
        }
    }
}

fn touch(tx: &Transaction<'_>, key: i64) -> Result<(), StoreError> {
    let now = unix_millis();
    tx.prepare_cached("UPDATE rooms SET active_at = ?2 WHERE key = ?1 AND active_at < ?2")?
        .execute(params![key, now])?;
    Ok(())
}

/// Delete up to `limit` rooms last used before `before`, with everything in them.
fn expire_rooms(
    tx: &Transaction<'_>,
    before: i64,
    limit: usize,
    effects: &mut Effects,
) -> Result<usize, StoreError> {
    let idle: Vec<(RoomId, RoomRow)> = tx
        .prepare_cached(
            "SELECT id, key, latest_seq, snapshot_seq, used_bytes, active_at FROM rooms
             WHERE active_at < ?1 ORDER BY active_at LIMIT ?2",
        )?
        .query_map(params![before, limit as i64], |r| {
            let row = RoomRow {
                key: r.get(1)?,
                latest_seq: r.get(2)?,
                snapshot_seq: r.get(3)?,
                used_bytes: r.get(4)?,
                active_at: r.get(5)?,
            };
            Ok((RoomId::from_bytes(r.get(0)?), row))
        })?
        .collect::<Result<_, _>>()?;
    for (room, row) in &idle {
        drop_room(tx, room, row, effects)?;
    }
    if !idle.is_empty() {
        tracing::info!(rooms = idle.len(), "deleted rooms idle past --room-idle-expiry-days");
    }
    Ok(idle.len())
}

fn create_room(
    tx: &Transaction<'_>,
    limits: &Limits<'_>,
    room: &RoomId,
    token: &TokenHash,
    effects: &mut Effects,
) -> Result<RoomCreated, StoreError> {
    match authorize(tx, room, token) {
        Ok(_) => {
            effects.verified.push((*room, *token));
            Ok(RoomCreated::AlreadyExisted)
        }
        Err(StoreError::Unauthorized) => {
            let exists = tx
                .prepare_cached("SELECT 1 FROM rooms WHERE id = ?1")?
                .query_row([room.as_bytes()], |_| Ok(()))
                .optional()?
                .is_some();
            if exists {
                // Someone else's room: the same answer as a wrong token, by design.
                return Err(StoreError::Unauthorized);
            }
            limits.check_new_room(effects)?;
            let now = unix_millis();
            tx.prepare_cached(
                "INSERT INTO rooms (id, token_hash, created_at, active_at) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![room.as_bytes(), token.as_bytes(), now / 1000, now])?;
            effects.rooms_delta += 1;
            effects.verified.push((*room, *token));
            Ok(RoomCreated::New)
        }
        Err(other) => Err(other),
    }
}

fn delete_room(
    tx: &Transaction<'_>,
    room: &RoomId,
    token: &TokenHash,
    effects: &mut Effects,
) -> Result<(), StoreError> {
    let row = authorize(tx, room, token)?;
    drop_room(tx, room, &row, effects)
}

/// Remove a room and everything in it.
fn drop_room(
    tx: &Transaction<'_>,
    room: &RoomId,
    row: &RoomRow,
    effects: &mut Effects,
) -> Result<(), StoreError> {
    for sql in [
        "DELETE FROM bundles WHERE room = ?1",
        "DELETE FROM bundle_ids WHERE room = ?1",
        "DELETE FROM snapshots WHERE room = ?1",
        "DELETE FROM rooms WHERE key = ?1",
    ] {
        tx.prepare_cached(sql)?.execute([row.key])?;
    }
    effects.rooms_delta -= 1;
    effects.bytes_delta -= row.used_bytes as i64;
    effects.deleted.push(*room);
    // Waiters look again, find the room gone and answer 401.
    effects.touched.push(*room);
    Ok(())
}

fn append(
    tx: &Transaction<'_>,
    limits: &Limits<'_>,
    room: &RoomId,
    token: &TokenHash,
    id: &BundleId,
    bytes: &[u8],
    effects: &mut Effects,
) -> Result<Appended, StoreError> {
    let row = authorize(tx, room, token)?;
    let known: Option<u64> = tx
        .prepare_cached("SELECT seq FROM bundle_ids WHERE room = ?1 AND id = ?2")?
        .query_row(params![row.key, id.as_bytes()], |r| r.get(0))
        .optional()?;
    if let Some(seq) = known {
        effects.duplicates += 1;
        return Ok(Appended { seq, duplicate: true });
    }
    let len = bytes.len() as u64;
    let quota = limits.options.room_quota_bytes;
    if row.used_bytes.saturating_add(len) > quota {
        return Err(StoreError::QuotaExceeded { quota });
    }
    limits.check_growth(len, effects)?;
    let seq = row.latest_seq + 1;
    tx.prepare_cached("INSERT INTO bundles (room, seq, id, bytes) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![row.key, seq, id.as_bytes(), bytes])?;
    tx.prepare_cached("INSERT INTO bundle_ids (room, id, seq) VALUES (?1, ?2, ?3)")?.execute(params![
        row.key,
        id.as_bytes(),
        seq
    ])?;
    tx.prepare_cached(
        "UPDATE rooms SET latest_seq = ?2, used_bytes = used_bytes + ?3, active_at = ?4 WHERE key = ?1",
    )?
    .execute(params![row.key, seq, len, unix_millis()])?;
    effects.bundles += 1;
    effects.bundle_bytes += len;
    effects.bytes_delta += len as i64;
    effects.touched.push(*room);
    Ok(Appended { seq, duplicate: false })
}

fn put_snapshot(
    tx: &Transaction<'_>,
    limits: &Limits<'_>,
    room: &RoomId,
    token: &TokenHash,
    seq: u64,
    bytes: &[u8],
    effects: &mut Effects,
) -> Result<u64, StoreError> {
    let row: RoomRow = authorize(tx, room, token)?;
    if seq == 0 || seq > row.latest_seq {
        return Err(StoreError::BadSnapshotSeq { seq, latest: row.latest_seq });
    }
    if seq <= row.snapshot_seq {
        return Err(StoreError::StaleSnapshot { seq, current: row.snapshot_seq });
    }
    let covered = params![row.key, seq];
    let freed: u64 = tx
        .prepare_cached("SELECT coalesce(sum(length(bytes)), 0) FROM bundles WHERE room = ?1 AND seq <= ?2")?
        .query_row(covered, |r| r.get(0))?;
    let old: u64 = tx
        .prepare_cached("SELECT coalesce(length(bytes), 0) FROM snapshots WHERE room = ?1")?
        .query_row([row.key], |r| r.get(0))
        .optional()?
        .unwrap_or(0);
    let used = row.used_bytes.saturating_sub(freed).saturating_sub(old).saturating_add(bytes.len() as u64);
    let quota = limits.options.room_quota_bytes;
    if used > quota {
        return Err(StoreError::QuotaExceeded { quota });
    }
    limits.check_growth(used.saturating_sub(row.used_bytes), effects)?;
    tx.prepare_cached("DELETE FROM bundles WHERE room = ?1 AND seq <= ?2")?.execute(covered)?;
    tx.prepare_cached("INSERT OR REPLACE INTO snapshots (room, seq, bytes) VALUES (?1, ?2, ?3)")?
        .execute(params![row.key, seq, bytes])?;
    tx.prepare_cached("UPDATE rooms SET snapshot_seq = ?2, used_bytes = ?3, active_at = ?4 WHERE key = ?1")?
        .execute(params![row.key, seq, used, unix_millis()])?;
    effects.snapshots += 1;
    effects.bytes_delta += used as i64 - row.used_bytes as i64;
    effects.touched.push(*room);
    Ok(seq)
}
