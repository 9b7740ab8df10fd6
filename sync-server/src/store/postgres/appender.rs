//! Appends in batches: a few writer tasks per process each take whatever appends are queued and
//! store them in one transaction — one commit, one WAL flush for the lot (PostgreSQL's group
//! commit then also shares flushes between writers and processes). Per batch, a handful of
//! statements whatever its size: lock the batch's rooms in id order (every batch of every process
//! locks in the same order, so two batches never deadlock), read which of its bundle ids are
//! already stored, decide every append here ([`plan`]), then write the rows with one statement
//! per table. An append is answered only after its batch committed.

use super::classify;
use crate::store::{StoreError, StoreStats, TokenHash};
use axum::body::Bytes;
use deadpool_postgres::Pool;
use mend_shared::protocol::{BundleId, RoomId};
use std::collections::HashMap;
use std::sync::Arc;
use subtle::ConstantTimeEq;
use tokio::sync::{Mutex, mpsc, oneshot};
use tokio_postgres::types::ToSql;

/// Appends waiting for a writer; a full queue makes appenders wait instead of growing memory.
const QUEUE: usize = 4096;

/// Most appends in one batch…
const MAX_BATCH_JOBS: usize = 256;

/// …and most payload bytes, so one transaction stays short.
const MAX_BATCH_BYTES: usize = 8 << 20;

/// Lock the batch's rooms, in id order.
const LOCK_ROOMS: &str = "SELECT id, key, token_hash, latest_seq, used_bytes FROM rooms
     WHERE id = ANY($1) ORDER BY id FOR UPDATE";

/// Which (room, id) pairs of the batch are already stored. Run after the locks, so with a snapshot
/// that holds every append committed to these rooms before. One index probe per pair: the
/// `OFFSET 0` keeps the lookup a subquery the planner cannot turn into a scan of the whole table.
const KNOWN_IDS: &str = "SELECT j.room, j.id, k.seq FROM unnest($1::bytea[], $2::bytea[]) AS j(room, id)
     CROSS JOIN LATERAL (SELECT b.seq FROM rooms r JOIN bundle_ids b ON b.room = r.key
                         WHERE r.id = j.room AND b.id = j.id OFFSET 0) k";

const STORED_TOTAL: &str = "SELECT coalesce(sum(bytes), 0)::bigint FROM usage";

const INSERT_BUNDLES: &str = "INSERT INTO bundles (room, seq, id, bytes)
     SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bytea[], $4::bytea[])";

const INSERT_IDS: &str =
    "INSERT INTO bundle_ids (room, id, seq) SELECT * FROM unnest($1::bigint[], $2::bytea[], $3::bigint[])";

/// The rooms' new positions; `active_at` only when stale, so the update stays HOT (no index changes).
const UPDATE_ROOMS: &str = "UPDATE rooms SET latest_seq = v.latest, used_bytes = v.used,
         active_at = CASE WHEN rooms.active_at < mend_now_ms() - $4 THEN mend_now_ms() ELSE rooms.active_at END
     FROM unnest($1::bigint[], $2::bigint[], $3::bigint[]) AS v(key, latest, used) WHERE rooms.key = v.key";

const ADD_USAGE: &str = "UPDATE usage SET bytes = bytes + $1 WHERE shard = mend_shard()";

/// What became of one append.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Outcome {
    /// Stored under this seq.
    Stored(u64),
    /// The id was stored before, under this seq.
    Duplicate(u64),
    /// Unknown room or wrong token.
    Unauthorized,
    /// Past the room's quota.
    Quota,
    /// Past the relay's storage cap.
    Full,
}

struct Job {
    room: RoomId,
    token: TokenHash,
    id: BundleId,
    bytes: Bytes,
    reply: oneshot::Sender<Result<Outcome, StoreError>>,
}

/// The limits every batch is checked against.
#[derive(Debug, Clone, Copy)]
pub(super) struct Limits {
    /// Most bytes one room may hold.
    pub(super) quota: i64,
    /// Most bytes all rooms together may hold (0 = no cap).
    pub(super) cap: i64,
    /// How stale a room's last use may get before an append writes it again, in milliseconds.
    pub(super) touch_ms: i64,
}

/// The queue and its writers.
#[derive(Debug)]
pub(super) struct Appender {
    jobs: mpsc::Sender<Job>,
}

impl Appender {
    /// Start `writers` writer tasks on `pool`; they count their batches in `stats`.
    pub(super) fn start(pool: Pool, writers: usize, limits: Limits, stats: Arc<StoreStats>) -> Appender {
        let (jobs, queue) = mpsc::channel(QUEUE);
        let queue = Arc::new(Mutex::new(queue));
        for _ in 0..writers.max(1) {
            tokio::spawn(write_batches(pool.clone(), Arc::clone(&queue), limits, Arc::clone(&stats)));
        }
        Appender { jobs }
    }

    /// Store one append with the next batch; answered once that batch committed.
    pub(super) async fn append(
        &self,
        room: RoomId,
        token: TokenHash,
        id: BundleId,
        bytes: Bytes,
    ) -> Result<Outcome, StoreError> {
        let (reply, answer) = oneshot::channel();
        self.jobs.send(Job { room, token, id, bytes, reply }).await.map_err(|_| StoreError::Closed)?;
        answer.await.map_err(|_| StoreError::Closed)?
    }
}

/// One writer: take a batch, store it, answer it; until the queue closes.
async fn write_batches(
    pool: Pool,
    queue: Arc<Mutex<mpsc::Receiver<Job>>>,
    limits: Limits,
    stats: Arc<StoreStats>,
) {
    loop {
        let batch = {
            let mut queue = queue.lock().await;
            let Some(first) = queue.recv().await else { return };
            let mut bytes = first.bytes.len();
            let mut batch = vec![first];
            while batch.len() < MAX_BATCH_JOBS && bytes < MAX_BATCH_BYTES {
                match queue.try_recv() {
                    Ok(job) => {
                        bytes += job.bytes.len();
                        batch.push(job);
                    }
                    Err(_) => break,
                }
            }
            batch
        };
        let jobs = batch.len() as u64;
        match store(&pool, &batch, limits).await {
            Ok(outcomes) => {
                StoreStats::add(&stats.write_batches, 1);
                StoreStats::add(&stats.write_jobs, jobs);
                for (job, outcome) in batch.into_iter().zip(outcomes) {
                    let _ = job.reply.send(Ok(outcome));
                }
            }
            Err(error) => {
                tracing::error!(%error, jobs, "an append batch failed; nothing in it was stored");
                let unreachable = matches!(error, StoreError::Unavailable(_));
                for job in batch {
                    let failed = if unreachable {
                        StoreError::Unavailable("the database could not be reached".into())
                    } else {
                        StoreError::BatchFailed
                    };
                    let _ = job.reply.send(Err(failed));
                }
            }
        }
    }
}

/// A batch's room as locked.
#[derive(Debug, Clone, Copy)]
struct Locked {
    key: i64,
    token_hash: [u8; 32],
    latest_seq: i64,
    used_bytes: i64,
}

/// What to write for a batch, with each append's outcome (in the batch's order).
#[derive(Debug, Default)]
struct Plan {
    outcomes: Vec<Outcome>,
    /// (room key, seq, index in the batch) of each new bundle.
    bundles: Vec<(i64, i64, usize)>,
    /// Each changed room's new latest seq and used bytes.
    rooms: HashMap<i64, (i64, i64)>,
    /// Bytes the batch adds to the relay.
    growth: i64,
}

/// Decide every append of a batch, in order, against its locked rooms, the ids they already hold
/// and the relay's stored total (`None` when there is no cap). The same rules as one append on
/// SQLite: a wrong token or unknown room is refused; a known id (stored before, or earlier in the
/// batch) is a duplicate with its seq; then the room's quota and the relay's cap apply.
fn plan(
    batch: &[(RoomId, TokenHash, BundleId, usize)],
    locked: &HashMap<RoomId, Locked>,
    known: &HashMap<(RoomId, BundleId), i64>,
    limits: Limits,
    stored_total: Option<i64>,
) -> Plan {
    let mut plan = Plan::default();
    let mut current: HashMap<RoomId, Locked> = HashMap::new();
    let mut fresh: HashMap<(RoomId, BundleId), i64> = HashMap::new();
    for (i, (room, token, id, len)) in batch.iter().enumerate() {
        let len = *len as i64;
        let row = current.get(room).or_else(|| locked.get(room)).copied();
        let outcome = match row {
            Some(row) if bool::from(row.token_hash.ct_eq(token.as_bytes())) => {
                if let Some(&seq) = known.get(&(*room, *id)).or_else(|| fresh.get(&(*room, *id))) {
                    Outcome::Duplicate(seq as u64)
                } else if row.used_bytes + len > limits.quota {
                    Outcome::Quota
                } else if stored_total
                    .is_some_and(|total| limits.cap > 0 && total + plan.growth + len > limits.cap)
                {
                    Outcome::Full
                } else {
                    let seq = row.latest_seq + 1;
                    current
                        .insert(*room, Locked { latest_seq: seq, used_bytes: row.used_bytes + len, ..row });
                    fresh.insert((*room, *id), seq);
                    plan.bundles.push((row.key, seq, i));
                    plan.rooms.insert(row.key, (seq, row.used_bytes + len));
                    plan.growth += len;
                    Outcome::Stored(seq as u64)
                }
            }
            _ => Outcome::Unauthorized,
        };
        plan.outcomes.push(outcome);
    }
    plan
}

/// Store one batch in one transaction; the outcome of each append, in the batch's order.
async fn store(pool: &Pool, batch: &[Job], limits: Limits) -> Result<Vec<Outcome>, StoreError> {
    let mut client = pool.get().await.map_err(|e| StoreError::Unavailable(Box::new(e)))?;
    let tx = client.transaction().await.map_err(classify)?;
    let (lock, known_ids, total) = tokio::try_join!(
        tx.prepare_cached(LOCK_ROOMS),
        tx.prepare_cached(KNOWN_IDS),
        tx.prepare_cached(STORED_TOTAL)
    )
    .map_err(classify)?;
    let mut room_ids: Vec<&[u8]> = batch.iter().map(|j| j.room.as_bytes().as_slice()).collect();
    room_ids.sort_unstable();
    room_ids.dedup();
    let job_rooms: Vec<&[u8]> = batch.iter().map(|j| j.room.as_bytes().as_slice()).collect();
    let job_ids: Vec<&[u8]> = batch.iter().map(|j| j.id.as_bytes().as_slice()).collect();
    // Pipelined, and run in this order: the known ids are read once the rooms are locked.
    let lock_params: [&(dyn ToSql + Sync); 1] = [&room_ids];
    let known_params: [&(dyn ToSql + Sync); 2] = [&job_rooms, &job_ids];
    let (locked_rows, known_rows, total_row) =
        tokio::try_join!(tx.query(&lock, &lock_params), tx.query(&known_ids, &known_params), async {
            if limits.cap > 0 { tx.query_opt(&total, &[]).await } else { Ok(None) }
        })
        .map_err(classify)?;
    let locked: HashMap<RoomId, Locked> = locked_rows
        .iter()
        .filter_map(|row| {
            let room = RoomId::from_bytes(row.get::<_, &[u8]>(0).try_into().ok()?);
            let token_hash = row.get::<_, &[u8]>(2).try_into().ok()?;
            Some((
                room,
                Locked { key: row.get(1), token_hash, latest_seq: row.get(3), used_bytes: row.get(4) },
            ))
        })
        .collect();
    let known: HashMap<(RoomId, BundleId), i64> = known_rows
        .iter()
        .filter_map(|row| {
            let room = RoomId::from_bytes(row.get::<_, &[u8]>(0).try_into().ok()?);
            let id = BundleId::from_bytes(row.get::<_, &[u8]>(1).try_into().ok()?);
            Some(((room, id), row.get::<_, i64>(2)))
        })
        .collect();
    let requests: Vec<_> = batch.iter().map(|j| (j.room, j.token, j.id, j.bytes.len())).collect();
    let plan = plan(&requests, &locked, &known, limits, total_row.map(|row| row.get(0)));
    if !plan.bundles.is_empty() {
        write(&tx, batch, &plan, limits).await.map_err(classify)?;
    }
    tx.commit().await.map_err(classify)?;
    Ok(plan.outcomes)
}

/// Write a batch's new rows and positions, pipelined.
async fn write(
    tx: &deadpool_postgres::Transaction<'_>,
    batch: &[Job],
    plan: &Plan,
    limits: Limits,
) -> Result<(), tokio_postgres::Error> {
    let (bundles, ids, rooms, usage) = tokio::try_join!(
        tx.prepare_cached(INSERT_BUNDLES),
        tx.prepare_cached(INSERT_IDS),
        tx.prepare_cached(UPDATE_ROOMS),
        tx.prepare_cached(ADD_USAGE)
    )?;
    let keys: Vec<i64> = plan.bundles.iter().map(|&(key, _, _)| key).collect();
    let seqs: Vec<i64> = plan.bundles.iter().map(|&(_, seq, _)| seq).collect();
    let new_ids: Vec<&[u8]> =
        plan.bundles.iter().map(|&(_, _, i)| batch[i].id.as_bytes().as_slice()).collect();
    let payloads: Vec<&[u8]> = plan.bundles.iter().map(|&(_, _, i)| batch[i].bytes.as_ref()).collect();
    let room_keys: Vec<i64> = plan.rooms.keys().copied().collect();
    let latest: Vec<i64> = room_keys.iter().map(|k| plan.rooms[k].0).collect();
    let used: Vec<i64> = room_keys.iter().map(|k| plan.rooms[k].1).collect();
    let bundle_params: [&(dyn ToSql + Sync); 4] = [&keys, &seqs, &new_ids, &payloads];
    let id_params: [&(dyn ToSql + Sync); 3] = [&keys, &new_ids, &seqs];
    let room_params: [&(dyn ToSql + Sync); 4] = [&room_keys, &latest, &used, &limits.touch_ms];
    let usage_params: [&(dyn ToSql + Sync); 1] = [&plan.growth];
    tokio::try_join!(
        tx.execute(&bundles, &bundle_params),
        tx.execute(&ids, &id_params),
        tx.execute(&rooms, &room_params),
        tx.execute(&usage, &usage_params),
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: Limits = Limits { quota: 100, cap: 0, touch_ms: 0 };

    fn room(n: u8) -> RoomId {
        RoomId::from_bytes([n; 32])
    }

    fn token(n: u8) -> TokenHash {
        TokenHash::from_bytes([n; 32])
    }

    fn id(n: u8) -> BundleId {
        BundleId::from_bytes([n; 32])
    }

    fn locked(rooms: &[(u8, i64, i64)]) -> HashMap<RoomId, Locked> {
        rooms
            .iter()
            .map(|&(n, latest_seq, used_bytes)| {
                (room(n), Locked { key: i64::from(n), token_hash: [n; 32], latest_seq, used_bytes })
            })
            .collect()
    }

    #[test]
    fn appends_to_one_room_in_a_batch_get_consecutive_seqs_and_a_repeat_is_a_duplicate() {
        let batch =
            [(room(1), token(1), id(1), 10), (room(1), token(1), id(2), 10), (room(1), token(1), id(1), 10)];
        let plan = plan(&batch, &locked(&[(1, 5, 0)]), &HashMap::new(), LIMITS, None);
        assert_eq!(plan.outcomes, [Outcome::Stored(6), Outcome::Stored(7), Outcome::Duplicate(6)]);
        assert_eq!(plan.rooms[&1], (7, 20));
        assert_eq!(plan.growth, 20);
    }

    #[test]
    fn a_stored_id_is_a_duplicate_even_in_a_full_room_and_refusals_store_nothing() {
        let known = HashMap::from([((room(1), id(9)), 3)]);
        let batch = [
            (room(1), token(1), id(9), 50),
            (room(1), token(1), id(1), 50),
            (room(1), token(2), id(2), 1),
            (room(2), token(2), id(2), 1),
        ];
        let plan = plan(&batch, &locked(&[(1, 4, 80)]), &known, LIMITS, None);
        assert_eq!(
            plan.outcomes,
            [Outcome::Duplicate(3), Outcome::Quota, Outcome::Unauthorized, Outcome::Unauthorized]
        );
        assert!(plan.bundles.is_empty() && plan.rooms.is_empty());
    }

    #[test]
    fn the_relay_cap_counts_what_the_batch_already_stored() {
        let limits = Limits { cap: 1000, ..LIMITS };
        let batch = [(room(1), token(1), id(1), 30), (room(2), token(2), id(2), 30)];
        let plan = plan(&batch, &locked(&[(1, 0, 0), (2, 0, 0)]), &HashMap::new(), limits, Some(950));
        assert_eq!(plan.outcomes, [Outcome::Stored(1), Outcome::Full]);
    }
}
