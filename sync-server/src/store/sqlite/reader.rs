//! Reads: a small pool of read-only connections used from blocking tasks, and the two read queries.

use super::room::{Activity, authorize};
use super::schema;
use crate::store::{Snapshot, StoreError, TokenHash};
use mend_shared::protocol::{Bundle, BundleId, BundlePage, RoomId};
use rusqlite::{Connection, OptionalExtension, params};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use tokio::sync::Semaphore;

/// Read-only connections, at most `size` in use at once.
#[derive(Debug)]
pub(super) struct ReadPool {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
    permits: Arc<Semaphore>,
}

impl ReadPool {
    pub(super) fn open(path: &Path, size: usize) -> Result<Self, StoreError> {
        let idle = (0..size).map(|_| schema::open_reader(path)).collect::<Result<Vec<_>, _>>()?;
        Ok(ReadPool {
            path: path.to_owned(),
            idle: Mutex::new(idle),
            permits: Arc::new(Semaphore::new(size)),
        })
    }

    /// Run `query` on a pooled connection in a blocking task.
    pub(super) async fn run<T: Send + 'static>(
        self: &Arc<Self>,
        query: impl FnOnce(&mut Connection) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let permit = Arc::clone(&self.permits).acquire_owned().await.map_err(|_| StoreError::Closed)?;
        let pool = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let popped = pool.idle.lock().unwrap_or_else(PoisonError::into_inner).pop();
            // A connection lost to a panicking query is replaced here.
            let mut conn = match popped {
                Some(conn) => conn,
                None => schema::open_reader(&pool.path)?,
            };
            let result = query(&mut conn);
            pool.idle.lock().unwrap_or_else(PoisonError::into_inner).push(conn);
            result
        })
        .await?
    }
}

/// A page of bundles after `after`, read in one transaction so the room row and the bundles agree.
pub(super) fn list(
    conn: &mut Connection,
    room: &RoomId,
    token: &TokenHash,
    after: u64,
    limit: u32,
    max_bytes: usize,
) -> Result<(BundlePage, Activity), StoreError> {
    let tx = conn.transaction()?;
    let row = authorize(&tx, room, token)?;
    let used = Activity::of(&row);
    if after < row.snapshot_seq {
        return Err(StoreError::SnapshotRequired { after, snapshot_seq: row.snapshot_seq });
    }
    if after > row.latest_seq {
        return Err(StoreError::CursorAhead { after, latest: row.latest_seq });
    }
    let mut page =
        BundlePage { latest_seq: row.latest_seq, snapshot_seq: row.snapshot_seq, bundles: Vec::new() };
    if after == row.latest_seq {
        return Ok((page, used));
    }
    let mut stmt = tx.prepare_cached(
        "SELECT seq, id, bytes FROM bundles WHERE room = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3",
    )?;
    let mut rows = stmt.query(params![row.key, after, limit])?;
    let mut total = 0usize;
    while let Some(r) = rows.next()? {
        let bytes: Vec<u8> = r.get(2)?;
        total += bytes.len();
        page.bundles.push(Bundle { seq: r.get(0)?, id: BundleId::from_bytes(r.get(1)?), bytes });
        if total >= max_bytes {
            break;
        }
    }
    Ok((page, used))
}

/// The room's snapshot, if it has one.
pub(super) fn snapshot(
    conn: &mut Connection,
    room: &RoomId,
    token: &TokenHash,
) -> Result<(Option<Snapshot>, Activity), StoreError> {
    let tx = conn.transaction()?;
    let row = authorize(&tx, room, token)?;
    let snapshot = tx
        .prepare_cached("SELECT seq, bytes FROM snapshots WHERE room = ?1")?
        .query_row([row.key], |r| Ok(Snapshot { seq: r.get(0)?, bytes: r.get(1)? }))
        .optional()?;
    Ok((snapshot, Activity::of(&row)))
}
