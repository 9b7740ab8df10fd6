//! Background checkpointing: folds the write-ahead log into the database file on its own thread
//! and connection, so the writer's commits only ever append to the log (measured: checkpoints
//! inside the writer took two thirds of its time under load).

use crate::store::{StoreError, StoreStats};
use rusqlite::Connection;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How often the thread looks at the writer's progress.
const TICK: Duration = Duration::from_millis(250);

/// Fold the log in after this many committed jobs (roughly 20 MiB of log at 1 KiB bundles)…
const AFTER_JOBS: u64 = 2_000;

/// …or this long after the last fold if anything was written since. Rare, large checkpoints write
/// each hot index page once instead of once per fold; measured, folding every 250 ms cost more
/// throughput and longer stalls than this.
const AFTER_TIME: Duration = Duration::from_secs(2);

/// After a deletion, the log is emptied once the writer has been idle for a tick, or after this
/// long whatever the load (a short pause of writes): until then it may hold copies of deleted bytes.
const SCRUB_WITHIN: Duration = Duration::from_secs(60);

/// Past this many log frames (~256 MiB at 4 KiB pages) something keeps the writer from starting the
/// log over (see `Writer::restart_log_if_long`); then this thread forces it, pausing writes briefly.
const RESTART_FRAMES: i64 = 64 * 1024;

/// What the writer and the checkpoint thread tell each other about the log.
#[derive(Debug, Default)]
pub(super) struct LogPacing {
    /// The writer's job count when the last fold started: everything before it is in the main file.
    pub(super) folded_through: AtomicU64,
    /// The writer wants the log to start over: fold now, so little is left for it to copy.
    pub(super) restart_wanted: AtomicBool,
    /// Rooms were deleted: their bytes are zeroed in the database file (`secure_delete`), but the
    /// log may still hold copies until it is emptied.
    pub(super) scrub_wanted: AtomicBool,
}

/// The checkpoint thread; stops when dropped.
#[derive(Debug)]
pub(super) struct Checkpointer {
    stop: Arc<(Mutex<bool>, Condvar)>,
    thread: Option<JoinHandle<()>>,
}

impl Checkpointer {
    /// Start folding the log of the database at `path`, paced by the writer's job count in `stats`.
    pub(super) fn spawn(
        path: &Path,
        stats: Arc<StoreStats>,
        pacing: Arc<LogPacing>,
    ) -> Result<Checkpointer, StoreError> {
        let conn = Connection::open(path)?;
        conn.busy_timeout(Duration::from_secs(10))?;
        let stop = Arc::new((Mutex::new(false), Condvar::new()));
        let signal = Arc::clone(&stop);
        let thread = std::thread::Builder::new().name("mend-relay-checkpoint".into()).spawn(move || {
            let (lock, wake) = &*signal;
            let (mut folded_jobs, mut folded_at) = (stats.write_jobs.load(Ordering::Relaxed), Instant::now());
            let mut scrub = Scrub::default();
            let mut stopped = lock.lock().unwrap_or_else(PoisonError::into_inner);
            while !*stopped {
                stopped = wake.wait_timeout(stopped, TICK).unwrap_or_else(PoisonError::into_inner).0;
                let jobs = stats.write_jobs.load(Ordering::Relaxed);
                if !*stopped && scrub.due(&pacing, jobs) {
                    drop(stopped);
                    if empty_log(&conn) {
                        scrub = Scrub::default();
                        folded_jobs = stats.write_jobs.load(Ordering::Relaxed);
                        pacing.folded_through.store(folded_jobs, Ordering::Relaxed);
                    } else {
                        // Readers or the writer held on; try again next tick.
                        pacing.scrub_wanted.store(true, Ordering::Relaxed);
                    }
                    stopped = lock.lock().unwrap_or_else(PoisonError::into_inner);
                    continue;
                }
                let restart = pacing.restart_wanted.load(Ordering::Relaxed);
                let due = restart
                    || jobs - folded_jobs >= AFTER_JOBS
                    || (jobs > folded_jobs && folded_at.elapsed() >= AFTER_TIME);
                if *stopped || !due {
                    continue;
                }
                drop(stopped);
                checkpoint(&conn);
                (folded_jobs, folded_at) = (jobs, Instant::now());
                if restart {
                    // A second, short pass takes what arrived during the first one.
                    folded_jobs = stats.write_jobs.load(Ordering::Relaxed);
                    checkpoint(&conn);
                }
                pacing.folded_through.store(folded_jobs, Ordering::Relaxed);
                stopped = lock.lock().unwrap_or_else(PoisonError::into_inner);
            }
        })?;
        Ok(Checkpointer { stop, thread: Some(thread) })
    }
}

/// One pass: copy what readers allow, and force a restart of a log that grew far too long.
fn checkpoint(conn: &Connection) {
    let run = |mode: &str| -> rusqlite::Result<(i64, i64)> {
        conn.query_row(&format!("PRAGMA wal_checkpoint({mode})"), [], |r| Ok((r.get(1)?, r.get(2)?)))
    };
    match run("PASSIVE") {
        Ok((frames, _)) if frames > RESTART_FRAMES => {
            if let Err(error) = run("RESTART") {
                tracing::warn!(%error, frames, "restarting checkpoint failed");
            }
        }
        Ok(_) => {}
        Err(error) => tracing::warn!(%error, "checkpoint failed"),
    }
}

/// When to empty the log after deletions.
#[derive(Debug, Default)]
struct Scrub {
    /// Since when a scrub is wanted, and the writer's job count at the last tick.
    wanted: Option<(Instant, u64)>,
}

impl Scrub {
    /// Whether to empty the log now: wanted, and the writer idle since the last tick or the
    /// wait grown past [`SCRUB_WITHIN`].
    fn due(&mut self, pacing: &LogPacing, jobs: u64) -> bool {
        if pacing.scrub_wanted.swap(false, Ordering::Relaxed) && self.wanted.is_none() {
            self.wanted = Some((Instant::now(), u64::MAX));
        }
        let Some((since, last_jobs)) = self.wanted.as_mut() else { return false };
        let idle = *last_jobs == jobs;
        *last_jobs = jobs;
        idle || since.elapsed() >= SCRUB_WITHIN
    }
}

/// Copy the whole log into the database file and truncate it to nothing; false if readers or the
/// writer kept it from finishing.
fn empty_log(conn: &Connection) -> bool {
    match conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get::<_, i64>(0)) {
        Ok(busy) => busy == 0,
        Err(error) => {
            tracing::warn!(%error, "emptying the log after a deletion failed");
            false
        }
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        let (lock, wake) = &*self.stop;
        *lock.lock().unwrap_or_else(PoisonError::into_inner) = true;
        wake.notify_all();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
